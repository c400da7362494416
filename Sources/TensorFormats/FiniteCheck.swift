import Diagnostics
import NumericCore

/// The flat index of the first NaN or infinite element of `values`, or nil if every element is finite.
public func firstNonFiniteIndex(_ values: [Float]) -> Int? {
    values.firstIndex { !$0.isFinite }
}

/// The flat index of the first NaN or infinite element of `values`, or nil if every element is finite.
public func firstNonFiniteIndex(_ values: [Double]) -> Int? {
    values.firstIndex { !$0.isFinite }
}

/// Throws a `FileError` naming `source` (and the tensor `name`, if given) with the position and value of
/// the first NaN or infinite element of `tensor`; returns if every element is finite.
public func requireFinite(_ tensor: Tensor, source: String, name: String? = nil) throws {
    try requireFinite(NumericArray(tensor), source: source, name: name)
}

/// Throws a `FileError` naming `source` (and the tensor `name`, if given) with the position and value of
/// the first NaN or infinite element of `array`; integer arrays always pass.
public func requireFinite(_ array: NumericArray, source: String, name: String? = nil) throws {
    switch array.data {
    case .float32(let values):
        if let index = firstNonFiniteIndex(values) {
            throw nonFiniteError(value: "\(values[index])", index: index, shape: array.shape, source: source, name: name)
        }
    case .float64(let values):
        if let index = firstNonFiniteIndex(values) {
            throw nonFiniteError(value: "\(values[index])", index: index, shape: array.shape, source: source, name: name)
        }
    case .int32, .int64, .uint8:
        return
    }
}

/// The error for a non-finite `value` at flat `index` of an array of `shape`.
private func nonFiniteError(value: String, index: Int, shape: [Int], source: String, name: String?) -> FileError {
    var position = [Int](repeating: 0, count: shape.count)
    var remainder = index
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        position[axis] = remainder % shape[axis]
        remainder /= shape[axis]
    }
    let subject = name.map { "tensor \(jsonStringLiteral($0)) has" } ?? "has"
    let total = shape.reduce(1, *)
    return FileError(path: source, problem: "\(subject) a non-finite value (\(value)) at index \(position) (element \(index) of \(total))")
}
