import Diagnostics
import Foundation
import NumericCore
import TensorFormats
import Testing

/// A .npy file with the given header text (newline added), version and payload; `declaredLength` overrides the
/// header length field.
private func npyFile(_ header: String, version: UInt8 = 1, payload: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
    let text = Array((header + "\n").utf8)
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    bytes += littleEndian(declaredLength ?? UInt64(text.count), size: version == 1 ? 2 : 4)
    return Data(bytes + text + payload)
}

/// A standard header for `descr` and `shape` (a Python tuple literal).
private func header(_ descr: String = "<f4", fortran: String = "False", shape: String = "(2, 3)") -> String {
    "{'descr': '\(descr)', 'fortran_order': \(fortran), 'shape': \(shape), }"
}

@Suite("npy hostile files")
struct NpyHostileFileTests {
    /// (file name, bytes, expected phrase)
    static let corpus: [(String, Data, String)] = [
        ("empty.npy", Data(), "truncated .npy file"),
        ("garbage-magic.npy", Data("PK\u{3}\u{4} this is a zip file, not npy".utf8), "bad magic"),
        ("almost-magic.npy", Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x5A, 1, 0, 10, 0]), "bad magic"),
        ("short-preamble.npy", Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 10]), "too short for the preamble"),
        ("version-4.npy", npyFile(header(), version: 4, payload: [UInt8](repeating: 0, count: 24)),
         "unsupported .npy format version 4.0"),
        ("header-past-end.npy", npyFile(header(), payload: [], declaredLength: 60_000), "header length 60000 runs past the end"),
        ("header-past-end-v2.npy", npyFile(header(), version: 2, declaredLength: 0xFFFF_FFFF), "runs past the end"),
        ("fortran.npy", npyFile(header(fortran: "True"), payload: [UInt8](repeating: 0, count: 24)),
         "Fortran-order arrays are not supported; save with np.ascontiguousarray"),
        ("big-endian.npy", npyFile(header(">f4"), payload: [UInt8](repeating: 0, count: 24)), "big-endian dtype '>f4'"),
        ("big-endian-i8.npy", npyFile(header(">i8"), payload: [UInt8](repeating: 0, count: 48)), "big-endian"),
        ("object.npy", npyFile(header("|O"), payload: [UInt8](repeating: 0, count: 48)), "object arrays"),
        ("structured.npy", npyFile("{'descr': [('x', '<f4'), ('y', '<i4')], 'fortran_order': False, 'shape': (2,), }",
                                   payload: [UInt8](repeating: 0, count: 16)), "structured dtypes"),
        ("void.npy", npyFile(header("|V8"), payload: [UInt8](repeating: 0, count: 48)), "structured or void dtype"),
        ("unknown-dtype.npy", npyFile(header("<q9")), "unknown dtype '<q9'"),
        ("big-endian-float16.npy", npyFile(header(">f2"), payload: [UInt8](repeating: 0, count: 12)), "dtype '>f2' is not supported"),
        ("float16-short.npy", npyFile(header("<f2"), payload: [UInt8](repeating: 0, count: 11)), "data section is truncated: 11 bytes"),
        ("bool.npy", npyFile(header("|b1"), payload: [UInt8](repeating: 0, count: 6)), "is not supported"),
        ("pipe-multibyte.npy", npyFile(header("|f4"), payload: [UInt8](repeating: 0, count: 24)),
         "byte order '|' is not valid"),
        ("no-order.npy", npyFile(header("f4"), payload: [UInt8](repeating: 0, count: 24)), "no byte order mark"),
        ("native-order.npy", npyFile(header("=f4"), payload: [UInt8](repeating: 0, count: 24)), "native byte order"),
        ("not-a-dict.npy", npyFile("['descr', '<f4']"), "malformed .npy header: the header must start with '{'"),
        ("missing-shape.npy", npyFile("{'descr': '<f4', 'fortran_order': False, }"), "the header has no 'shape' key"),
        ("missing-descr.npy", npyFile("{'fortran_order': False, 'shape': (1,), }"), "the header has no 'descr' key"),
        ("extra-key.npy", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1, }"),
         "unexpected key 'extra'"),
        ("duplicate-key.npy", npyFile("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }"),
         "duplicate key 'descr'"),
        ("shape-not-tuple.npy", npyFile(header(shape: "(3)")), "is an integer, not a tuple"),
        ("shape-list.npy", npyFile(header(shape: "[2, 3]")), "'shape' must be a tuple of integers"),
        ("shape-float.npy", npyFile(header(shape: "(2.5,)")), "expected ',' or ')' in the shape tuple"),
        ("fortran-lowercase.npy", npyFile(header(fortran: "false")), "'fortran_order' must be True or False"),
        ("fortran-prefix.npy", npyFile(header(fortran: "Falsey")), "'fortran_order' must be True or False"),
        ("descr-not-string.npy", npyFile("{'descr': 4, 'fortran_order': False, 'shape': (1,), }"), "'descr' must be a string"),
        ("unterminated-string.npy", npyFile("{'descr': '<f4, 'fortran_order': False, 'shape': (1,), }"), "malformed .npy header"),
        ("no-closing-brace.npy", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)"),
         "expected ',' or '}'"),
        ("trailing-text.npy", npyFile(header() + " junk"), "unexpected text after the closing '}'"),
        ("escape.npy", npyFile("{'descr': '<\\x66\\x34', 'fortran_order': False, 'shape': (1,), }"), "escape sequences"),
        ("negative-shape.npy", npyFile(header(shape: "(-1, 4)")), "negative dimension -1 in shape (-1, 4)"),
        ("overflow-shape.npy", npyFile(header(shape: "(4611686018427387904, 4)")), "is absurd: its size overflows"),
        ("overflow-bytes.npy", npyFile(header("<f8", shape: "(1152921504606846976, 2)")), "is absurd"),
        ("huge-dimension.npy", npyFile(header(shape: "(99999999999999999999999, 1)")), "too large"),
        ("huge-shape.npy", npyFile(header(shape: "(1099511627776, 4)"), payload: [1, 2, 3, 4]), "data section is truncated"),
        ("truncated-data.npy", npyFile(header(), payload: [UInt8](repeating: 0, count: 23)),
         "data section is truncated: 23 bytes, but shape (2, 3) of '<f4' needs 24"),
        ("long-data.npy", npyFile(header(), payload: [UInt8](repeating: 0, count: 28)),
         "data section is longer than the shape says: 28 bytes, but shape (2, 3) of '<f4' needs 24 (4 trailing bytes)"),
        ("scalar-long.npy", npyFile(header(shape: "()"), payload: [UInt8](repeating: 0, count: 8)), "4 trailing bytes"),
        ("zero-size-long.npy", npyFile(header(shape: "(0, 3)"), payload: [0]), "1 trailing bytes"),
    ]

    @Test("each hostile file gives an error naming the file and the problem")
    func corpusErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for (name, bytes, phrase) in Self.corpus {
            try expectReadError(bytes, file: name, in: directory, phrase: phrase) { _ = try readNpy($0) }
            try expectReadError(bytes, file: name, in: directory, phrase: phrase) { _ = try readNpyTensor($0) }
        }
    }

    @Test("a valid file cut short at any point is refused, never crashes")
    func truncatedEverywhere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for type in ElementType.allCases {
            let full = encodeNpy(NpyArray(shape: [3, 2], data: sampleData(type, count: 6)))
            for length in 0..<full.count {
                let name = "cut-\(type)-\(length).npy"
                let phrase = length < 10 ? "truncated .npy file" : length < 128 ? "runs past the end" : "data section is truncated"
                try expectReadError(full.prefix(length), file: name, in: directory, phrase: phrase) { _ = try readNpy($0) }
            }
        }
    }

    @Test("every single-byte corruption of the header is either read consistently or refused cleanly")
    func headerByteFlips() throws {
        let full = encodeNpy(Tensor(shape: [2, 2], storage: [1, 2, 3, 4]))
        for index in 0..<128 {
            for replacement: UInt8 in [0x00, 0x27, 0x29, 0x2C, 0x2D, 0x39, 0x7B, 0x7D, 0xFF] {
                var corrupted = full
                corrupted[index] = replacement
                do {
                    let array = try decodeNpy(corrupted, name: "flip.npy")
                    #expect(array.data.count == array.shape.reduce(1, *))
                } catch let error as FileError {
                    #expect(error.description.hasPrefix("flip.npy: "))
                }
            }
        }
    }

    @Test("Fortran order is accepted when it is the same layout as C order")
    func fortranVectors() throws {
        for shape in ["(4,)", "(1, 4)", "(4, 1)", "()"] {
            let count = shape == "()" ? 1 : 4
            let data = npyFile(header(fortran: "True", shape: shape), payload: [UInt8](repeating: 0, count: 4 * count))
            #expect(try decodeNpy(data).data.count == count)
        }
    }

    @Test("integer arrays are refused as Float tensors with a pointer to readNpy")
    func integersAreNotTensors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("labels.npy")
        try writeNpy(NpyArray(shape: [3], data: .int64([0, 1, 2])), to: path)
        expectError(phrase: "holds int64 values ('<i8'), not floats; read it with readNpy", path: path) {
            _ = try readNpyTensor(path)
        }
        #expect(try readNpy(path).data == .int64([0, 1, 2]))
    }

    @Test("a missing file or a directory is reported with its path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let missing = directory.path("absent.npy")
        expectError(phrase: "no such file", path: missing) { _ = try readNpy(missing) }
        expectError(phrase: "is a directory", path: directory.url.path) { _ = try readNpy(directory.url.path) }
    }
}
