import Diagnostics
import NumericCore

/// One tensor of a safetensors file: the dtype it was stored with and its elements.
public struct StoredTensor: Sendable, Equatable {
    /// The dtype in the file; F16 and BF16 tensors hold their values as float32 in `array`.
    public let dtype: SafeTensorsDType
    /// The shape and elements.
    public let array: NumericArray

    /// Pairs a file dtype with the elements read for it.
    public init(dtype: SafeTensorsDType, array: NumericArray) {
        self.dtype = dtype
        self.array = array
    }

    /// The extent of each dimension, outermost first.
    public var shape: [Int] { array.shape }

    /// The elements in row-major order.
    public var data: ElementData { array.data }
}

/// The content of a safetensors file: named tensors and the string-to-string `__metadata__` map.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The path (or in-memory name) the file was read from, used in error messages.
    public let source: String
    /// The tensors by name.
    public let tensors: [String: StoredTensor]
    /// The tensor names in the order of their bytes in the file.
    public let names: [String]
    /// The `__metadata__` entries; empty if the file has none.
    public let metadata: [String: String]

    /// Assembles a file's content; `names` must list exactly the keys of `tensors`.
    public init(source: String, tensors: [String: StoredTensor], names: [String], metadata: [String: String]) {
        precondition(names.count == tensors.count && names.allSatisfy { tensors[$0] != nil },
                     "names must list exactly the tensors")
        self.source = source
        self.tensors = tensors
        self.names = names
        self.metadata = metadata
    }

    /// The tensor `name` with its elements, or an error naming the file if there is none.
    public func array(_ name: String) throws -> NumericArray {
        guard let stored = tensors[name] else {
            let known = names.prefix(10).map(jsonStringLiteral).joined(separator: ", ")
            throw FileError(path: source, problem: "no tensor named \(jsonStringLiteral(name)) (it has \(names.count): \(known)\(names.count > 10 ? ", ..." : ""))")
        }
        return stored.array
    }

    /// The tensor `name` as a Float tensor (F64 rounded, F16/BF16 exact), or an error naming the file if it is
    /// missing or holds integers.
    public func tensor(_ name: String) throws -> Tensor {
        let stored = try array(name)
        guard let tensor = stored.floatTensor else {
            throw FileError(path: source, problem: "tensor \(jsonStringLiteral(name)) holds \(tensors[name]!.dtype.rawValue) integers, not floats")
        }
        return tensor
    }
}
