import Foundation
import Kernels
import Testing

/// Packed little-endian numbers, as .npy and safetensors store them.
@Suite("Little-endian byte conversion")
struct ByteConversionTests {
    @Test("known values have their IEEE and two's-complement bytes, low byte first")
    func knownBytes() {
        var data = Data()
        appendLittleEndian([Float(1), -2], to: &data)
        appendLittleEndian([Int32(-2)], to: &data)
        appendLittleEndian([UInt16(0x1234)], to: &data)
        #expect([UInt8](data) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0xFE, 0xFF, 0xFF, 0xFF, 0x34, 0x12])
        #expect(decodeLittleEndian(Float.self, from: data, offset: 0, count: 2) == [1, -2])
        #expect(decodeLittleEndian(Int32.self, from: data, offset: 8, count: 1) == [-2])
        #expect(decodeLittleEndian(UInt16.self, from: data, offset: 12, count: 1) == [0x1234])
    }

    @Test("what is appended decodes to the same values at any offset, NaN payloads and signed zeros included")
    func roundTripAtAnyOffset() {
        let floats: [Float] = [0, -0.0, .infinity, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, Float(bitPattern: 0x7FC0_1234)]
        let doubles: [Double] = [.pi, -0.0, .nan, .leastNormalMagnitude / 4]
        let integers: [Int64] = [.min, .max, 0, -1]
        for offset in 0..<3 {
            var data = Data(repeating: 0xAA, count: offset)
            appendLittleEndian(floats, to: &data)
            appendLittleEndian(doubles, to: &data)
            appendLittleEndian(integers, to: &data)
            #expect(data.count == offset + 4 * floats.count + 8 * (doubles.count + integers.count))
            let f = decodeLittleEndian(Float.self, from: data, offset: offset, count: floats.count)
            let d = decodeLittleEndian(Double.self, from: data, offset: offset + 4 * floats.count, count: doubles.count)
            let i = decodeLittleEndian(Int64.self, from: data, offset: offset + 4 * floats.count + 8 * doubles.count, count: integers.count)
            #expect(f.map(\.bitPattern) == floats.map(\.bitPattern), "offset \(offset)")
            #expect(d.map(\.bitPattern) == doubles.map(\.bitPattern), "offset \(offset)")
            #expect(i == integers, "offset \(offset)")
        }
        // A slice of a larger Data (its indices do not start at 0) decodes from its own first byte.
        var whole = Data([1, 2, 3])
        appendLittleEndian([Int32(7)], to: &whole)
        #expect(decodeLittleEndian(Int32.self, from: whole.dropFirst(3), offset: 0, count: 1) == [7])
        #expect(decodeLittleEndian(Int32.self, from: whole, offset: 3, count: 0).isEmpty)
    }
}
