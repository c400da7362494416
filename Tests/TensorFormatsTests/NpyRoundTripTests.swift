import Foundation
import NumericCore
import TensorFormats
import Testing

@Suite("npy round trips")
struct NpyRoundTripTests {
    @Test("every dtype and shape survives encode and decode", arguments: ElementType.allCases)
    func roundTripInMemory(type: ElementType) throws {
        for shape in sampleShapes {
            let array = NpyArray(shape: shape, data: sampleData(type, count: shape.reduce(1, *)))
            let decoded = try decodeNpy(encodeNpy(array), name: "memory.npy")
            #expect(decoded == array, "\(type) \(shape)")
        }
    }

    @Test("writing to a file and reading it back gives the same array and tensor")
    func roundTripThroughFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for type in ElementType.allCases {
            let array = NpyArray(shape: [2, 3], data: sampleData(type, count: 6))
            let path = directory.path("nested/\(type).npy")
            try writeNpy(array, to: path)
            #expect(try readNpy(path) == array)
        }
        let tensor = Tensor(shape: [4, 5], storage: (0..<20).map { Float($0) * 0.25 - 2 })
        try writeNpy(tensor, to: directory.path("tensor.npy"))
        #expect(try readNpyTensor(directory.path("tensor.npy")) == tensor)
        #expect(try decodeNpyTensor(encodeNpy(tensor)) == tensor)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test("float64 files are rounded to Float by readNpyTensor")
    func float64ToTensor() throws {
        let array = NpyArray(shape: [3], data: .float64([0.1, -2.5, 1e300]))
        let tensor = try decodeNpyTensor(encodeNpy(array))
        #expect(tensor.shape == [3])
        #expect(tensor.storage == [Float(0.1), -2.5, .infinity])
    }

    @Test("NaN payloads and signed zeros are kept bit for bit")
    func nanBitsKept() throws {
        let bits: [UInt32] = [0x7FC0_0000, 0xFFC0_0001, 0x7F80_0001, 0x8000_0000]
        let tensor = Tensor(shape: [4], storage: bits.map(Float.init(bitPattern:)))
        let decoded = try decodeNpyTensor(encodeNpy(tensor))
        #expect(decoded.storage.map(\.bitPattern) == bits)
    }

    @Test("the written header is numpy's: 64-byte aligned, version 1.0, padded dictionary")
    func headerLayout() throws {
        let data = encodeNpy(Tensor(shape: [8, 100], repeating: 0))
        let header = String(decoding: data[10..<128], as: UTF8.self)
        #expect(Array(data.prefix(8)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        #expect(header.hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (8, 100), }"))
        #expect(header.hasSuffix(" \n"))
        #expect(data.count == 128 + 3200)
        for shape in sampleShapes {
            let bytes = encodeNpy(NpyArray(shape: shape, data: sampleData(.uint8, count: shape.reduce(1, *))))
            let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
        }
    }

    @Test("encoding is deterministic")
    func deterministic() {
        let tensor = Tensor(shape: [3, 7], storage: (0..<21).map { Float($0).squareRoot() })
        #expect(encodeNpy(tensor) == encodeNpy(tensor))
    }

    @Test("versions 2.0 and 3.0 and the header variants other writers use are read")
    func headerVariants() throws {
        let payload = littleEndian(UInt64(Float(1.5).bitPattern), size: 4) + littleEndian(UInt64(Float(-2).bitPattern), size: 4)
        let headers = [
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }",
            "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,)}",
            "{'shape': (2L,), 'fortran_order': False, 'descr': '<f4'}",
            "{ 'descr' : '<f4' ,\n 'fortran_order' : True , 'shape' : ( 2 , ) }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }",
        ]
        for (index, header) in headers.enumerated() {
            for version: UInt8 in [1, 2, 3] {
                let text = Array((header + "   \n").utf8)
                var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
                bytes += littleEndian(UInt64(text.count), size: version == 1 ? 2 : 4)
                let array = try decodeNpy(Data(bytes + text + payload), name: "variant\(index).npy")
                #expect(array.data == .float32([1.5, -2]), "\(header) v\(version)")
                #expect(array.shape == (index == 4 ? [1, 2] : [2]))
            }
        }
    }

    @Test("single-byte dtypes accept any byte order mark")
    func byteOrderOfBytes() throws {
        for descr in ["|u1", "<u1"] {
            let text = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (3,), }\n".utf8)
            let bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0] + littleEndian(UInt64(text.count), size: 2) + text + [1, 2, 255]
            #expect(try decodeNpy(Data(bytes)).data == .uint8([1, 2, 255]))
        }
    }

    @Test("a slice of a larger buffer decodes like a fresh buffer")
    func dataSlice() throws {
        let encoded = encodeNpy(Tensor(shape: [2], storage: [1, 2]))
        let padded = Data([9, 9, 9]) + encoded + Data([7])
        let slice = padded[3..<(3 + encoded.count)]
        #expect(try decodeNpyTensor(slice).storage == [1, 2])
    }
}
