import Foundation
import NumericCore
import TensorFormats
import Testing

/// The header JSON text of safetensors bytes.
private func headerText(_ data: Data) -> String {
    let length = data.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
    return String(decoding: data[8..<(8 + length)], as: UTF8.self)
}

@Suite("safetensors round trips")
struct SafeTensorsRoundTripTests {
    @Test("every writable dtype and shape survives with metadata", arguments: ElementType.allCases)
    func roundTripEveryDType(type: ElementType) throws {
        var arrays: [String: NumericArray] = [:]
        for (index, shape) in sampleShapes.enumerated() {
            arrays["t\(index)"] = NumericArray(shape: shape, data: sampleData(type, count: shape.reduce(1, *)))
        }
        let metadata = ["format": "pt", "gradctrl": "{\"version\": 1, \"note\": \"line\\nbreak\"}"]
        let file = try decodeSafeTensors(encodeSafeTensors(arrays: arrays, metadata: metadata), name: "m.safetensors")
        #expect(file.metadata == metadata)
        #expect(Set(file.names) == Set(arrays.keys))
        for (name, array) in arrays {
            #expect(file.tensors[name]?.array == array, "\(name)")
            #expect(file.tensors[name]?.dtype == SafeTensorsDType(type))
        }
    }

    @Test("mixed dtypes, unusual names and metadata round trip through a file")
    func roundTripFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("out/model.safetensors")
        let arrays: [String: NumericArray] = [
            "weight": NumericArray(shape: [2, 3], data: sampleData(.float32, count: 6)),
            "step": NumericArray(shape: [], data: .int64([42])),
            "mask": NumericArray(shape: [5], data: .uint8([0, 1, 0, 1, 255])),
            "ids": NumericArray(shape: [2], data: .int32([-7, 7])),
            "précision \"ünicode\" \n 名前": NumericArray(shape: [1], data: .float64([1e-300])),
            "empty": NumericArray(shape: [0, 4], data: .float32([])),
        ]
        let metadata = ["gradctrl": "{\"a\": [1, 2]}", "ctrl\u{1}\t": "tab\tand \u{7F} and \"quotes\" and \\", "": "empty key"]
        try writeSafeTensors(arrays: arrays, metadata: metadata, to: path)
        let file = try readSafeTensors(path)
        #expect(file.source == path)
        #expect(file.metadata == metadata)
        #expect(file.tensors.mapValues(\.array) == arrays)
        #expect(file.names == ["précision \"ünicode\" \n 名前", "step", "empty", "ids", "weight", "mask"])
        #expect(try file.tensor("weight").shape == [2, 3])
        #expect(try file.tensor("précision \"ünicode\" \n 名前").storage == [0])
    }

    @Test("Tensor convenience writers store F32")
    func tensorWriters() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let a = Tensor(shape: [2, 2], storage: [1, 2, 3, 4])
        let b = Tensor(shape: [3], storage: [-1, 0, 1])
        try writeSafeTensors(["a": a, "b": b], metadata: ["k": "v"], to: directory.path("dict.safetensors"))
        try writeSafeTensors([("b", b), ("a", a)], metadata: ["k": "v"], to: directory.path("list.safetensors"))
        let fromDictionary = try Data(contentsOf: URL(fileURLWithPath: directory.path("dict.safetensors")))
        let fromList = try Data(contentsOf: URL(fileURLWithPath: directory.path("list.safetensors")))
        #expect(fromDictionary == fromList)
        let file = try readSafeTensors(directory.path("list.safetensors"))
        #expect(try file.tensor("a") == a)
        #expect(try file.tensor("b") == b)
        #expect(file.tensors["a"]?.dtype == .F32)
    }

    @Test("output bytes are deterministic and exactly the documented layout")
    func goldenBytes() throws {
        let tensors = ["b": Tensor(shape: [1], storage: [1]), "a": Tensor(shape: [2], storage: [2, 3])]
        let first = try encodeSafeTensors(tensors, metadata: ["z": "1", "gradctrl": "{}"])
        var reordered: [String: Tensor] = [:]
        reordered["a"] = tensors["a"]
        reordered["b"] = tensors["b"]
        let second = try encodeSafeTensors(reordered, metadata: ["gradctrl": "{}", "z": "1"])
        #expect(first == second)
        let expectedHeader = #"{"__metadata__":{"gradctrl":"{}","z":"1"},"a":{"data_offsets":[0,8],"dtype":"F32","shape":[2]},"b":{"data_offsets":[8,12],"dtype":"F32","shape":[1]}}"#
        let header = headerText(first)
        #expect(header.hasPrefix(expectedHeader))
        #expect(header.dropFirst(expectedHeader.utf8.count).allSatisfy { $0 == " " })
        #expect(header.utf8.count % 8 == 0)
        #expect(first.count == 8 + header.utf8.count + 12)
        #expect(Array(first.suffix(12)) == [0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x3F])
    }

    @Test("larger element types come first so every tensor is aligned; empty input gives an empty header")
    func layoutOrder() throws {
        let arrays: [String: NumericArray] = [
            "a8": NumericArray(shape: [3], data: .uint8([1, 2, 3])),
            "b32": NumericArray(shape: [1], data: .int32([5])),
            "c64": NumericArray(shape: [1], data: .float64([2])),
        ]
        let file = try decodeSafeTensors(encodeSafeTensors(arrays: arrays))
        #expect(file.names == ["c64", "b32", "a8"])
        let empty = try encodeSafeTensors([String: Tensor]())
        #expect(headerText(empty) == "{}      ")
        let decoded = try decodeSafeTensors(empty)
        #expect(decoded.tensors.isEmpty && decoded.metadata.isEmpty)
    }

    @Test("F16 and BF16 tensors are read exactly as Float")
    func halfPrecision() throws {
        let halfBits: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x7C00, 0xFC00, 0x8000, 0x3555, 0x0400]
        let halfValues: [Float] = [1, -2, 65504, 0x1p-24, 0x3FFp-24, .infinity, -.infinity, -0.0, 0.333251953125, 0x1p-14]
        let bfloatBits: [UInt16] = [0x3F80, 0xC040, 0x7F80, 0x0001]
        let bfloatValues: [Float] = [1, -3, .infinity, Float(bitPattern: 0x0001_0000)]
        let header = #"{"h":{"dtype":"F16","shape":[2,5],"data_offsets":[0,20]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[20,28]},"n":{"dtype":"F16","shape":[1],"data_offsets":[28,30]}}"#
        var bytes = littleEndian(UInt64(header.utf8.count), size: 8) + Array(header.utf8)
        for bits in halfBits + bfloatBits + [0x7E01] { bytes += littleEndian(UInt64(bits), size: 2) }
        let file = try decodeSafeTensors(Data(bytes), name: "half.safetensors")
        #expect(file.tensors["h"]?.dtype == .F16)
        #expect(file.tensors["b"]?.dtype == .BF16)
        #expect(try file.tensor("h").storage.map(\.bitPattern) == halfValues.map(\.bitPattern))
        #expect(try file.tensor("b").storage == bfloatValues)
        #expect(try file.tensor("n").storage[0].isNaN)
        #expect(file.names == ["h", "b", "n"])
    }

    @Test("F64 tensors are rounded to Float by tensor(_:)")
    func float64Tensor() throws {
        let data = try encodeSafeTensors(arrays: ["d": NumericArray(shape: [2], data: .float64([0.1, -1e300]))])
        #expect(try decodeSafeTensors(data).tensor("d").storage == [Float(0.1), -.infinity])
    }
}
