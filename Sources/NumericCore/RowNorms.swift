extension Tensor {
    /// The mean Euclidean norm of the rows of a matrix `[N, D]` (0 for no rows), summed in Double.
    public var meanRowNorm: Double {
        precondition(rank == 2, "meanRowNorm: a matrix, got \(shape)")
        let (n, d) = (shape[0], shape[1])
        var total = 0.0
        for row in 0..<n {
            var sum = 0.0
            for j in 0..<d { sum += Double(storage[row * d + j]) * Double(storage[row * d + j]) }
            total += sum.squareRoot()
        }
        return total / Double(max(n, 1))
    }
}
