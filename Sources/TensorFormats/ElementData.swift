import NumericCore

/// The number types the tensor file readers and writers support.
public enum ElementType: String, Sendable, CaseIterable {
    /// 32-bit IEEE float.
    case float32
    /// 64-bit IEEE float.
    case float64
    /// 32-bit signed integer.
    case int32
    /// 64-bit signed integer.
    case int64
    /// 8-bit unsigned integer.
    case uint8

    /// The number of bytes one element occupies in a file.
    public var byteSize: Int {
        switch self {
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .uint8: 1
        }
    }
}

/// A flat array of elements of one supported number type.
public enum ElementData: Sendable, Equatable {
    /// 32-bit floats.
    case float32([Float])
    /// 64-bit floats.
    case float64([Double])
    /// 32-bit signed integers.
    case int32([Int32])
    /// 64-bit signed integers.
    case int64([Int64])
    /// 8-bit unsigned integers.
    case uint8([UInt8])

    /// The type of the elements.
    public var elementType: ElementType {
        switch self {
        case .float32: .float32
        case .float64: .float64
        case .int32: .int32
        case .int64: .int64
        case .uint8: .uint8
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .float32(let values): values.count
        case .float64(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .uint8(let values): values.count
        }
    }

    /// The elements as 32-bit floats if they are floating point (64-bit values are rounded), else nil.
    public var floats: [Float]? {
        switch self {
        case .float32(let values): values
        case .float64(let values): values.map { Float($0) }
        case .int32, .int64, .uint8: nil
        }
    }
}

/// A row-major n-dimensional array of one supported number type, as stored in a .npy or safetensors file.
public struct NumericArray: Sendable, Equatable {
    /// The extent of each dimension, outermost first; `[]` is a scalar holding one element.
    public let shape: [Int]
    /// The elements in row-major (C) order; `data.count` equals the product of `shape`.
    public let data: ElementData

    /// Wraps `data` with `shape`; the dimensions must be non-negative and their product must equal the element count.
    public init(shape: [Int], data: ElementData) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(checkedElementCount(shape) == data.count,
                     "shape \(shape) does not match \(data.count) elements")
        self.shape = shape
        self.data = data
    }

    /// The float32 array holding the elements of `tensor`.
    public init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, data: .float32(tensor.storage))
    }

    /// The type of the elements.
    public var elementType: ElementType { data.elementType }

    /// The array as a Float tensor if its elements are floating point (float64 values are rounded to Float), else nil.
    public var floatTensor: Tensor? {
        guard let floats = data.floats else { return nil }
        return Tensor(shape: shape, storage: floats)
    }
}

/// The array type of a .npy file.
public typealias NpyArray = NumericArray
