import Diagnostics
import Foundation
import NumericCore
import TensorFormats
import Testing

/// A safetensors file with `header` text, `dataSize` zero bytes of data and an optional forged header length.
private func safetensorsFile(_ header: String, dataSize: Int = 0, declaredLength: UInt64? = nil) -> Data {
    safetensorsFile(bytes: Array(header.utf8), dataSize: dataSize, declaredLength: declaredLength)
}

/// A safetensors file with raw `header` bytes.
private func safetensorsFile(bytes header: [UInt8], dataSize: Int = 0, declaredLength: UInt64? = nil) -> Data {
    Data(littleEndian(declaredLength ?? UInt64(header.count), size: 8) + header + [UInt8](repeating: 0, count: dataSize))
}

/// One tensor entry's JSON.
private func entry(_ dtype: String = "\"F32\"", shape: String = "[2]", offsets: String = "[0,8]") -> String {
    "{\"dtype\":\(dtype),\"shape\":\(shape),\"data_offsets\":\(offsets)}"
}

@Suite("safetensors hostile files")
struct SafeTensorsHostileFileTests {
    /// (file name, bytes, expected phrase)
    static let corpus: [(String, Data, String)] = [
        ("empty.safetensors", Data(), "too short for a safetensors header: 0 bytes"),
        ("seven.safetensors", Data([1, 0, 0, 0, 0, 0, 0]), "too short for a safetensors header: 7 bytes"),
        ("header-past-end.safetensors", safetensorsFile("{}", declaredLength: 1000), "header length 1000 runs past the end of the file (10 bytes)"),
        ("absurd-header.safetensors", safetensorsFile("{}", declaredLength: 1 << 40), "header length 1099511627776 is absurd"),
        ("max-header.safetensors", safetensorsFile("{}", declaredLength: UInt64.max), "is absurd"),
        ("not-utf8.safetensors", safetensorsFile(bytes: [0x7B, 0xFF, 0xFE, 0x7D]), "header is not valid UTF-8"),
        ("overlong-utf8.safetensors", safetensorsFile(bytes: [0x7B, 0x22, 0xC0, 0xAF, 0x22, 0x3A, 0x31, 0x7D]), "header is not valid UTF-8"),
        ("surrogate-utf8.safetensors", safetensorsFile(bytes: [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D]), "not valid UTF-8"),
        ("cut-utf8.safetensors", safetensorsFile(bytes: [0x7B, 0x7D, 0xE2, 0x82]), "not valid UTF-8"),
        ("not-json.safetensors", safetensorsFile("{this is not json}"), "header is not valid JSON: expected a string key"),
        ("cut-json.safetensors", safetensorsFile("{\"a\":" + entry()), "not valid JSON"),
        ("json-array.safetensors", safetensorsFile("[1, 2]"), "does not start with '{'"),
        ("leading-space.safetensors", safetensorsFile(" {}"), "does not start with '{'"),
        ("nul-padding.safetensors", safetensorsFile(bytes: Array("{}".utf8) + [0, 0]), "unexpected text after the JSON value"),
        ("trailing-junk.safetensors", safetensorsFile("{} {}"), "unexpected text after the JSON value"),
        ("tensor-not-object.safetensors", safetensorsFile("{\"a\":\"F32\"}"), "tensor \"a\" is a string, not an object"),
        ("missing-dtype.safetensors", safetensorsFile("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", dataSize: 8), "tensor \"a\" has no dtype"),
        ("missing-shape.safetensors", safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", dataSize: 8), "tensor \"a\" has no shape"),
        ("missing-offsets.safetensors", safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", dataSize: 8), "tensor \"a\" has no data_offsets"),
        ("extra-field.safetensors", safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", dataSize: 8),
         "unexpected key \"x\""),
        ("dtype-number.safetensors", safetensorsFile("{\"a\":" + entry("4") + "}", dataSize: 8), "dtype is a number, not a string"),
        ("unknown-dtype.safetensors", safetensorsFile("{\"a\":" + entry("\"F99\"") + "}", dataSize: 8), "unknown dtype \"F99\""),
        ("bool-dtype.safetensors", safetensorsFile("{\"a\":" + entry("\"BOOL\"") + "}", dataSize: 8), "dtype BOOL is not supported"),
        ("shape-string.safetensors", safetensorsFile("{\"a\":" + entry(shape: "\"2\"") + "}", dataSize: 8), "shape is a string, not an array"),
        ("shape-float.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[2.0]") + "}", dataSize: 8), "shape has a non-integer number"),
        ("shape-bool.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[true]") + "}", dataSize: 8), "shape has a boolean"),
        ("shape-negative.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[-2]") + "}", dataSize: 8), "negative dimension -2"),
        ("shape-huge.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[100000000000000000000000]") + "}", dataSize: 8), "dimension 100000000000000000000000 in shape is too large"),
        ("shape-overflow.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[4611686018427387904,4]") + "}", dataSize: 8),
         "shape [4611686018427387904, 4] is absurd"),
        ("shape-absurd.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[1099511627776,4]") + "}", dataSize: 8),
         "data_offsets span 8 bytes, but shape [1099511627776, 4] of F32 needs 17592186044416"),
        ("offsets-one.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[8]") + "}", dataSize: 8), "data_offsets must be two non-negative integers"),
        ("offsets-three.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,4,8]") + "}", dataSize: 8), "data_offsets must be two"),
        ("offsets-negative.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[-8,0]") + "}", dataSize: 8), "non-negative integers"),
        ("offsets-string.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[\"0\",\"8\"]") + "}", dataSize: 8), "non-negative integers"),
        ("offsets-reversed.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[8,0]") + "}", dataSize: 8), "begin 8 is after end 0"),
        ("offsets-past-end.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,8]") + "}", dataSize: 4),
         "tensor \"a\" ends at byte 8, past the end of the data section (4 bytes)"),
        ("offsets-far-past-end.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[2305843009213693951]", offsets: "[0,9223372036854775804]") + "}", dataSize: 8),
         "past the end of the data section"),
        ("size-mismatch.safetensors", safetensorsFile("{\"a\":" + entry(shape: "[3]", offsets: "[0,8]") + "}", dataSize: 8),
         "data_offsets span 8 bytes, but shape [3] of F32 needs 12"),
        ("dtype-size-mismatch.safetensors", safetensorsFile("{\"a\":" + entry("\"F64\"", shape: "[2]", offsets: "[0,8]") + "}", dataSize: 8),
         "shape [2] of F64 needs 16"),
        ("overlap.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,8]") + ",\"b\":" + entry(offsets: "[4,12]") + "}", dataSize: 12),
         "tensors \"a\" (bytes 0..<8) and \"b\" (bytes 4..<12) overlap"),
        ("same-bytes.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,8]") + ",\"b\":" + entry(offsets: "[0,8]") + "}", dataSize: 8),
         "overlap"),
        ("empty-inside.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,8]") + ",\"b\":" + entry(shape: "[0]", offsets: "[4,4]") + "}", dataSize: 8),
         "overlap"),
        ("gap.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[0,8]") + ",\"b\":" + entry(offsets: "[12,20]") + "}", dataSize: 20),
         "bytes 8..<12 of the data section belong to no tensor"),
        ("leading-gap.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[4,12]") + "}", dataSize: 12), "bytes 0..<4 of the data section"),
        ("trailing-bytes.safetensors", safetensorsFile("{\"a\":" + entry() + "}", dataSize: 11),
         "bytes 8..<11 at the end of the data section belong to no tensor"),
        ("duplicate-tensor.safetensors", safetensorsFile("{\"a\":" + entry() + ",\"a\":" + entry() + "}", dataSize: 8), "duplicate key \"a\""),
        ("duplicate-field.safetensors", safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", dataSize: 8),
         "duplicate key \"dtype\""),
        ("duplicate-metadata.safetensors", safetensorsFile("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"), "duplicate key \"k\""),
        ("metadata-number.safetensors", safetensorsFile("{\"__metadata__\":{\"epoch\":3}}"), "__metadata__ value for \"epoch\" is a number, not a string"),
        ("metadata-object.safetensors", safetensorsFile("{\"__metadata__\":{\"cfg\":{\"a\":\"b\"}}}"), "__metadata__ value for \"cfg\" is an object"),
        ("metadata-null.safetensors", safetensorsFile("{\"__metadata__\":{\"x\":null}}"), "is null, not a string"),
        ("metadata-array.safetensors", safetensorsFile("{\"__metadata__\":[\"a\"]}"), "__metadata__ is an array, not an object of strings"),
        ("deep-nesting.safetensors", safetensorsFile("{\"__metadata__\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}"),
         "nesting deeper than 64 levels"),
        ("bad-escape.safetensors", safetensorsFile("{\"a\\q\":1}"), "invalid escape"),
        ("lone-surrogate.safetensors", safetensorsFile("{\"\\ud800\":1}"), "unpaired surrogate"),
        ("control-char.safetensors", safetensorsFile("{\"a\u{1}\":1}"), "unescaped control character"),
        ("leading-zero.safetensors", safetensorsFile("{\"a\":" + entry(offsets: "[00,8]") + "}", dataSize: 8), "leading zero"),
        ("newline-name.safetensors", safetensorsFile("{\"line\\nbreak\":" + entry(shape: "[3]") + "}", dataSize: 8),
         "tensor \"line\\nbreak\": data_offsets span 8 bytes"),
    ]

    @Test("each hostile file gives an error naming the file and the problem")
    func corpusErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for (name, bytes, phrase) in Self.corpus {
            try expectReadError(bytes, file: name, in: directory, phrase: phrase) { _ = try readSafeTensors($0) }
        }
    }

    @Test("a valid file cut short at any point is refused, never crashes")
    func truncatedEverywhere() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let arrays: [String: NumericArray] = [
            "w": NumericArray(shape: [2, 3], data: sampleData(.float32, count: 6)),
            "n": NumericArray(shape: [], data: .int64([3])),
            "m": NumericArray(shape: [3], data: .uint8([1, 2, 3])),
        ]
        let full = try encodeSafeTensors(arrays: arrays, metadata: ["gradctrl": "{\"k\": 1}"])
        let headerEnd = 8 + full.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        for length in 0..<full.count {
            let phrase = length < 8 ? "too short" : length < headerEnd ? "runs past the end of the file"
                : "past the end of the data section"
            try expectReadError(full.prefix(length), file: "cut-\(length).safetensors", in: directory, phrase: phrase) {
                _ = try readSafeTensors($0)
            }
        }
    }

    @Test("every single-byte corruption of the header is either read consistently or refused cleanly")
    func headerByteFlips() throws {
        let full = try encodeSafeTensors(["a": Tensor(shape: [2], storage: [1, 2]), "b": Tensor(shape: [1], storage: [3])],
                                         metadata: ["k": "v"])
        let headerEnd = 8 + full.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        for index in 0..<headerEnd {
            for replacement: UInt8 in [0x00, 0x22, 0x2C, 0x2D, 0x30, 0x39, 0x5B, 0x5D, 0x7B, 0x7D, 0x80, 0xFF] {
                var corrupted = full
                corrupted[index] = replacement
                do {
                    let file = try decodeSafeTensors(corrupted, name: "flip.safetensors")
                    for stored in file.tensors.values {
                        #expect(stored.data.count == stored.shape.reduce(1, *))
                    }
                } catch let error as FileError {
                    #expect(error.description.hasPrefix("flip.safetensors: "))
                }
            }
        }
    }

    @Test("writers refuse a tensor named __metadata__ and duplicate names")
    func writerRefusals() throws {
        let tensor = Tensor(shape: [1], storage: [1])
        expectError(phrase: "a tensor cannot be named \"__metadata__\"", path: "w.safetensors") {
            _ = try encodeSafeTensors(["__metadata__": tensor], name: "w.safetensors")
        }
        expectError(phrase: "two tensors are named \"x\"", path: "w.safetensors") {
            _ = try encodeSafeTensors([("x", tensor), ("x", tensor)], name: "w.safetensors")
        }
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("refused.safetensors")
        expectError(phrase: "two tensors are named", path: path) {
            try writeSafeTensors([("x", tensor), ("x", tensor)], to: path)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("asking for a missing tensor or integers as floats names the file")
    func lookups() throws {
        let file = try decodeSafeTensors(
            encodeSafeTensors(arrays: ["ids": NumericArray(shape: [1], data: .int32([4]))]), name: "x.safetensors")
        expectError(phrase: "no tensor named \"w\" (it has 1: \"ids\")", path: "x.safetensors") { _ = try file.tensor("w") }
        expectError(phrase: "tensor \"ids\" holds I32 integers, not floats", path: "x.safetensors") { _ = try file.tensor("ids") }
        #expect(try file.array("ids").data == .int32([4]))
    }

    @Test("a missing file is reported with its path")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("absent.safetensors")
        expectError(phrase: "no such file", path: path) { _ = try readSafeTensors(path) }
    }
}
