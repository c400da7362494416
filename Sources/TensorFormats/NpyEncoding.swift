import FileStorage
import Foundation
import NumericCore

/// Writes `tensor` to `path` as a float32 .npy file, atomically; the bytes match what `numpy.save` writes.
public func writeNpy(_ tensor: Tensor, to path: String) throws {
    try writeAtomically(encodeNpy(NpyArray(tensor)), to: path)
}

/// Writes `array` to `path` as a .npy file, atomically; the bytes match what `numpy.save` writes.
public func writeNpy(_ array: NpyArray, to path: String) throws {
    try writeAtomically(encodeNpy(array), to: path)
}

/// The .npy encoding of `tensor` (float32, C order).
public func encodeNpy(_ tensor: Tensor) -> Data {
    encodeNpy(NpyArray(tensor))
}

/// The .npy encoding of `array`: format 1.0 (2.0 if the header needs it), C order, little-endian,
/// header laid out and padded to a multiple of 64 bytes exactly as `numpy.save` does.
public func encodeNpy(_ array: NpyArray) -> Data {
    var dictionary = "{'descr': '\(NpyDType.descr(for: array.elementType))', 'fortran_order': False, 'shape': \(pythonTuple(array.shape)), }"
    // numpy leaves room to grow the first dimension in place (GROWTH_AXIS_MAX_DIGITS = 21).
    if let first = array.shape.first {
        dictionary += String(repeating: " ", count: max(0, 21 - String(first).count))
    }
    let text = Array(dictionary.utf8)
    let lineLength = text.count + 1  // with the terminating newline
    var lengthFieldSize = 2
    var version: UInt8 = 1
    var padding = 64 - (6 + 2 + lengthFieldSize + lineLength) % 64
    if lineLength + padding > Int(UInt16.max) {
        lengthFieldSize = 4
        version = 2
        padding = 64 - (6 + 2 + lengthFieldSize + lineLength) % 64
    }
    let headerLength = lineLength + padding
    var data = Data()
    data.reserveCapacity(6 + 2 + lengthFieldSize + headerLength + array.data.count * array.elementType.byteSize)
    data.append(contentsOf: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0])
    for index in 0..<lengthFieldSize {
        data.append(UInt8(truncatingIfNeeded: headerLength >> (8 * index)))
    }
    data.append(contentsOf: text)
    data.append(contentsOf: [UInt8](repeating: 0x20, count: padding))
    data.append(0x0A)
    appendElements(array.data, to: &data)
    return data
}
