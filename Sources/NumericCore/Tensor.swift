/// A contiguous, row-major tensor of 32-bit floats.
public struct Tensor: Sendable, Equatable {
    /// The extent of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `storage.count` equals the product of `shape`.
    public var storage: [Float]

    /// Wraps `storage` with `shape`; the element count must match.
    public init(shape: [Int], storage: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(shape.reduce(1, *) == storage.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, storage: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// The number of elements.
    public var count: Int { storage.count }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, storage: storage)
    }

    /// The rows `range` of the outermost dimension.
    public func rows(_ range: Range<Int>) -> Tensor {
        let rowSize = shape.dropFirst().reduce(1, *)
        var newShape = shape
        newShape[0] = range.count
        return Tensor(shape: newShape,
                      storage: Array(storage[(range.lowerBound * rowSize)..<(range.upperBound * rowSize)]))
    }

    /// `parts` stacked along the outermost dimension, in order; every part has the same inner shape.
    public init(concatenatingRows parts: [Tensor]) {
        precondition(!parts.isEmpty, "Tensor(concatenatingRows:) needs at least one part")
        let inner = parts[0].shape.dropFirst()
        precondition(parts.allSatisfy { $0.shape.dropFirst() == inner }, "Tensor(concatenatingRows:): inner shapes differ")
        var storage = [Float]()
        storage.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { storage.append(contentsOf: part.storage) }
        self.init(shape: [parts.reduce(0) { $0 + $1.shape[0] }] + inner, storage: storage)
    }

    /// The rows at `indices` of the outermost dimension, in that order.
    public func gathering(rows indices: [Int]) -> Tensor {
        let rowSize = shape.dropFirst().reduce(1, *)
        var out = [Float]()
        out.reserveCapacity(indices.count * rowSize)
        for i in indices { out.append(contentsOf: storage[(i * rowSize)..<((i + 1) * rowSize)]) }
        var newShape = shape
        newShape[0] = indices.count
        return Tensor(shape: newShape, storage: out)
    }

    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool { storage.allSatisfy { $0.isFinite } }
}
