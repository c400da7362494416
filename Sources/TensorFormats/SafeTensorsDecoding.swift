import Diagnostics
import FileStorage
import Foundation
import Kernels

/// The largest header accepted, as in the reference implementation.
private let maximumHeaderLength = 100_000_000

/// The tensors and metadata of the safetensors file at `path`.
///
/// Reads F32, F64, I32, I64 and U8 tensors as stored, and F16 and BF16 tensors converted exactly to Float.
/// Throws a `FileError` naming `path` and the problem for any malformed, inconsistent or unsupported content.
public func readSafeTensors(_ path: String) throws -> SafeTensorsFile {
    try decodeSafeTensors(readWholeFile(path), name: path)
}

/// The tensors and metadata encoded in the safetensors bytes `data`; `name` labels errors (usually the file path).
public func decodeSafeTensors(_ data: Data, name: String = "<memory>") throws -> SafeTensorsFile {
    func failure(_ problem: String) -> FileError { FileError(path: name, problem: problem) }
    guard data.count >= 8 else {
        throw failure("file is too short for a safetensors header: \(data.count) bytes, need at least 8")
    }
    let lengthBytes = Array(data.prefix(8))
    let declaredLength = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    guard declaredLength <= UInt64(maximumHeaderLength) else {
        throw failure("header length \(declaredLength) is absurd (limit \(maximumHeaderLength) bytes); not a safetensors file?")
    }
    let headerLength = Int(declaredLength)
    guard headerLength <= data.count - 8 else {
        throw failure("header length \(headerLength) runs past the end of the file (\(data.count) bytes)")
    }
    let headerBytes = Array(data[(data.startIndex + 8)..<(data.startIndex + 8 + headerLength)])
    guard isValidUTF8(headerBytes) else {
        throw failure("safetensors header is not valid UTF-8")
    }
    guard headerBytes.first == UInt8(ascii: "{") else {
        throw failure("safetensors header does not start with '{' (not a JSON object)")
    }
    let json: JSONValue
    do {
        json = try JSONParser.parse(headerBytes)
    } catch {
        throw failure("safetensors header is not valid JSON: \(error.message)")
    }
    let dataStart = 8 + headerLength
    let header = try SafeTensorsHeader(json: json, dataSize: data.count - dataStart, source: name)
    var tensors: [String: StoredTensor] = [:]
    for entry in header.entries {
        let elements = decodeStoredElements(entry.dtype, from: data, offset: dataStart + entry.begin,
                                            count: checkedElementCount(entry.shape)!)
        tensors[entry.name] = StoredTensor(dtype: entry.dtype, array: NumericArray(shape: entry.shape, data: elements))
    }
    return SafeTensorsFile(source: name, tensors: tensors, names: header.entries.map(\.name), metadata: header.metadata)
}

/// Decodes `count` elements of `dtype` at `offset` in `data`; F16 and BF16 become float32.
private func decodeStoredElements(_ dtype: SafeTensorsDType, from data: Data, offset: Int, count: Int) -> ElementData {
    switch dtype {
    case .F32: decodeElements(.float32, from: data, offset: offset, count: count)
    case .F64: decodeElements(.float64, from: data, offset: offset, count: count)
    case .I32: decodeElements(.int32, from: data, offset: offset, count: count)
    case .I64: decodeElements(.int64, from: data, offset: offset, count: count)
    case .U8: decodeElements(.uint8, from: data, offset: offset, count: count)
    case .F16: .float32(decodeLittleEndian(UInt16.self, from: data, offset: offset, count: count).map(floatFromHalfBits))
    case .BF16: .float32(decodeLittleEndian(UInt16.self, from: data, offset: offset, count: count).map(floatFromBFloat16Bits))
    }
}

/// Whether `bytes` is well-formed UTF-8 (no invalid, overlong or truncated sequences, no encoded surrogates).
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}
