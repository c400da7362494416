import Foundation
import Kernels

/// Decodes `count` little-endian elements of `type` starting `offset` bytes into `bytes`; the range must be inside.
func decodeElements(_ type: ElementType, from bytes: Data, offset: Int, count: Int) -> ElementData {
    switch type {
    case .float32: .float32(decodeLittleEndian(Float.self, from: bytes, offset: offset, count: count))
    case .float64: .float64(decodeLittleEndian(Double.self, from: bytes, offset: offset, count: count))
    case .int32: .int32(decodeLittleEndian(Int32.self, from: bytes, offset: offset, count: count))
    case .int64: .int64(decodeLittleEndian(Int64.self, from: bytes, offset: offset, count: count))
    case .uint8: .uint8(decodeLittleEndian(UInt8.self, from: bytes, offset: offset, count: count))
    }
}

/// Appends the elements of `data` to `bytes` in little-endian order.
func appendElements(_ data: ElementData, to bytes: inout Data) {
    switch data {
    case .float32(let values): appendLittleEndian(values, to: &bytes)
    case .float64(let values): appendLittleEndian(values, to: &bytes)
    case .int32(let values): appendLittleEndian(values, to: &bytes)
    case .int64(let values): appendLittleEndian(values, to: &bytes)
    case .uint8(let values): bytes.append(contentsOf: values)
    }
}
