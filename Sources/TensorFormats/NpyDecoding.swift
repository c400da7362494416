import Diagnostics
import FileStorage
import Foundation
import Kernels
import NumericCore

/// The array stored in the .npy file at `path`.
///
/// Supports format versions 1.0, 2.0 and 3.0, C order, and the dtypes `<f4`, `<f8`, `<i4`, `<i8` and `|u1`.
/// Throws a `FileError` naming `path` and the problem for anything else or any inconsistency.
public func readNpy(_ path: String) throws -> NpyArray {
    try decodeNpy(readWholeFile(path), name: path)
}

/// The Float tensor stored in the .npy file at `path`; float64 data is rounded to Float.
///
/// Integer arrays are refused with a `FileError`, since silently turning labels or counts into floats
/// hides mistakes; read them with `readNpy` instead.
public func readNpyTensor(_ path: String) throws -> Tensor {
    try npyFloatTensor(readNpy(path), name: path)
}

/// The Float tensor encoded in the .npy bytes `data`; `name` labels errors. Integer arrays are refused.
public func decodeNpyTensor(_ data: Data, name: String = "<memory>") throws -> Tensor {
    try npyFloatTensor(decodeNpy(data, name: name), name: name)
}

/// The array encoded in the .npy bytes `data`; `name` labels errors (usually the file path).
public func decodeNpy(_ data: Data, name: String = "<memory>") throws -> NpyArray {
    func failure(_ problem: String) -> FileError { FileError(path: name, problem: problem) }
    let bytes = data.count >= 12 ? Array(data.prefix(12)) : Array(data)
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    guard bytes.prefix(6).elementsEqual(magic.prefix(bytes.count)) else {
        throw failure("not a .npy file: bad magic (expected \\x93NUMPY)")
    }
    guard bytes.count >= 10 else {
        throw failure("truncated .npy file: \(data.count) bytes is too short for the preamble")
    }
    let (major, minor) = (bytes[6], bytes[7])
    let headerStart: Int
    let headerLength: Int
    switch (major, minor) {
    case (1, 0):
        headerStart = 10
        headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    case (2, 0), (3, 0):
        guard bytes.count >= 12 else {
            throw failure("truncated .npy file: \(data.count) bytes is too short for the preamble")
        }
        headerStart = 12
        headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
    default:
        throw failure("unsupported .npy format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)")
    }
    guard headerLength <= data.count - headerStart else {
        throw failure("header length \(headerLength) runs past the end of the file (\(data.count) bytes)")
    }
    let headerEnd = headerStart + headerLength
    let headerBytes = Array(data[(data.startIndex + headerStart)..<(data.startIndex + headerEnd)])
    let header: NpyHeader
    do {
        header = try NpyHeaderParser.parse(headerBytes)
    } catch {
        throw failure("malformed .npy header: \(error.message)")
    }
    // Half precision ('<f2', as a W+ code is often saved) is read, exactly, as float32.
    let half = header.descr == NpyDType.halfDescr
    let elementType: ElementType
    switch half ? .success(.float32) : NpyDType.elementType(for: header.descr) {
    case .success(let type): elementType = type
    case .failure(let problem): throw failure(problem.message)
    }
    let shapeText = pythonTuple(header.shape)
    if let negative = header.shape.first(where: { $0 < 0 }) {
        throw failure("negative dimension \(negative) in shape \(shapeText)")
    }
    if header.fortranOrder && header.shape.filter({ $0 > 1 }).count > 1 {
        throw failure("Fortran-order arrays are not supported; save with np.ascontiguousarray")
    }
    guard let elementCount = checkedElementCount(header.shape),
          let needed = checkedByteCount(header.shape, elementSize: half ? 2 : elementType.byteSize) else {
        throw failure("shape \(shapeText) is absurd: its size overflows a 64-bit integer")
    }
    let available = data.count - headerEnd
    if available < needed {
        throw failure("data section is truncated: \(available) bytes, but shape \(shapeText) of '\(header.descr)' needs \(needed)")
    }
    if available > needed {
        throw failure("data section is longer than the shape says: \(available) bytes, but shape \(shapeText) of '\(header.descr)' needs \(needed) (\(available - needed) trailing bytes)")
    }
    let elements = half
        ? ElementData.float32(decodeLittleEndian(UInt16.self, from: data, offset: headerEnd, count: elementCount).map(floatFromHalfBits))
        : decodeElements(elementType, from: data, offset: headerEnd, count: elementCount)
    return NpyArray(shape: header.shape, data: elements)
}

/// `array` as a Float tensor, or an error naming `name` if it holds integers.
private func npyFloatTensor(_ array: NpyArray, name: String) throws -> Tensor {
    guard let tensor = array.floatTensor else {
        throw FileError(path: name, problem: "holds \(array.elementType.rawValue) values ('\(NpyDType.descr(for: array.elementType))'), not floats; read it with readNpy to get the integers")
    }
    return tensor
}
