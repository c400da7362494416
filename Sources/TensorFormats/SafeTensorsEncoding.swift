import Diagnostics
import FileStorage
import Foundation
import NumericCore

/// Writes `tensors` as F32 and `metadata` as `__metadata__` to the safetensors file `path`, atomically.
/// The bytes depend only on the content (see `encodeSafeTensors(arrays:metadata:name:)`).
public func writeSafeTensors(_ tensors: [String: Tensor], metadata: [String: String] = [:], to path: String) throws {
    try writeAtomically(encodeSafeTensors(tensors, metadata: metadata, name: path), to: path)
}

/// Writes named `tensors` as F32 to the safetensors file `path`, atomically; names must be unique.
public func writeSafeTensors(_ tensors: [(String, Tensor)], metadata: [String: String] = [:], to path: String) throws {
    try writeAtomically(encodeSafeTensors(tensors, metadata: metadata, name: path), to: path)
}

/// Writes `arrays` (each with the dtype of its elements) and `metadata` to the safetensors file `path`, atomically.
public func writeSafeTensors(arrays: [String: NumericArray], metadata: [String: String] = [:], to path: String) throws {
    try writeAtomically(encodeSafeTensors(arrays: arrays, metadata: metadata, name: path), to: path)
}

/// The safetensors encoding of `tensors` as F32 with `metadata`; `name` labels errors.
public func encodeSafeTensors(_ tensors: [String: Tensor], metadata: [String: String] = [:],
                              name: String = "<memory>") throws -> Data {
    try encodeSafeTensors(arrays: tensors.mapValues(NumericArray.init), metadata: metadata, name: name)
}

/// The safetensors encoding of named `tensors` as F32 with `metadata`; duplicate names are an error naming `name`.
public func encodeSafeTensors(_ tensors: [(String, Tensor)], metadata: [String: String] = [:],
                              name: String = "<memory>") throws -> Data {
    var arrays: [String: NumericArray] = [:]
    for (tensorName, tensor) in tensors {
        guard arrays.updateValue(NumericArray(tensor), forKey: tensorName) == nil else {
            throw FileError(path: name, problem: "two tensors are named \(jsonStringLiteral(tensorName))")
        }
    }
    return try encodeSafeTensors(arrays: arrays, metadata: metadata, name: name)
}

/// The safetensors encoding of `arrays` and `metadata`, identical bytes for identical content.
///
/// Each array is stored with the dtype of its elements (F32, F64, I32, I64, U8). Tensors are laid out
/// contiguously, larger element sizes first and then by name (UTF-8 byte order), so every tensor is aligned
/// to its element size; the header is compact JSON with all keys in UTF-8 byte order, `__metadata__` omitted
/// when empty, padded with spaces to a multiple of 8 bytes. The name `__metadata__` is refused for a tensor.
public func encodeSafeTensors(arrays: [String: NumericArray], metadata: [String: String] = [:],
                              name: String = "<memory>") throws -> Data {
    if arrays["__metadata__"] != nil {
        throw FileError(path: name, problem: "a tensor cannot be named \"__metadata__\"")
    }
    let layout = arrays.keys.sorted { a, b in
        let (sizeA, sizeB) = (arrays[a]!.elementType.byteSize, arrays[b]!.elementType.byteSize)
        return sizeA != sizeB ? sizeA > sizeB : utf8Precedes(a, b)
    }
    var entries: [String: String] = [:]
    var offset = 0
    for tensorName in layout {
        let array = arrays[tensorName]!
        let end = offset + array.data.count * array.elementType.byteSize
        let shape = array.shape.map(String.init).joined(separator: ",")
        entries[tensorName] = "{\"data_offsets\":[\(offset),\(end)],\"dtype\":\"\(SafeTensorsDType(array.elementType).rawValue)\",\"shape\":[\(shape)]}"
        offset = end
    }
    if !metadata.isEmpty {
        let members = metadata.keys.sorted(by: utf8Precedes).map { "\(jsonStringLiteral($0)):\(jsonStringLiteral(metadata[$0]!))" }
        entries["__metadata__"] = "{" + members.joined(separator: ",") + "}"
    }
    let members = entries.keys.sorted(by: utf8Precedes).map { "\(jsonStringLiteral($0)):\(entries[$0]!)" }
    var header = Array(("{" + members.joined(separator: ",") + "}").utf8)
    header.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8))
    var data = Data()
    data.reserveCapacity(8 + header.count + offset)
    for index in 0..<8 {
        data.append(UInt8(truncatingIfNeeded: UInt64(header.count) >> (8 * UInt64(index))))
    }
    data.append(contentsOf: header)
    for tensorName in layout {
        appendElements(arrays[tensorName]!.data, to: &data)
    }
    return data
}
