extension Tensor {
    /// The mean and the (population) standard deviation of each column of a `[N, D]` tensor, accumulated in
    /// double precision.
    public func columnMeanAndDeviation() -> (mean: [Float], deviation: [Float]) {
        precondition(rank == 2, "columnMeanAndDeviation needs [N, D], got \(shape)")
        let (n, d) = (shape[0], shape[1])
        var sum = [Double](repeating: 0, count: d), square = [Double](repeating: 0, count: d)
        for row in 0..<n {
            for j in 0..<d {
                let v = Double(storage[row * d + j])
                sum[j] += v
                square[j] += v * v
            }
        }
        let count = Double(max(n, 1))
        let mean = sum.map { $0 / count }
        let deviation = zip(mean, square).map { m, s in max(s / count - m * m, 0).squareRoot() }
        return (mean.map(Float.init), deviation.map(Float.init))
    }
}
