import Kernels

/// A batch of third-order tensors `[N, d₁, d₂, d₃]` in double precision, row-major, the sample index first.
/// Modes are numbered 0, 1, 2 (channel, height, width for a block's activations).
public struct TensorBatch: Sendable, Equatable {
    /// `[N, d₁, d₂, d₃]`.
    public let shape: [Int]
    /// The values, row-major.
    public var values: [Double]

    /// A batch from its shape and values.
    public init(shape: [Int], values: [Double]) {
        precondition(shape.count == 4 && shape.reduce(1, *) == values.count, "TensorBatch: \(values.count) values for \(shape)")
        self.shape = shape
        self.values = values
    }

    /// The number of tensors N.
    public var count: Int { shape[0] }
    /// `[d₁, d₂, d₃]`.
    public var dimensions: [Int] { Array(shape[1...]) }

    /// The product X ×ₙ Mᵀ of every tensor with the matrix `matrix` `[dₙ, r]` (row-major) along mode `mode`:
    /// entry j of the new mode n is Σᵢ X[…, i, …] · M[i, j]. Mode n's size becomes r.
    public func projected(mode: Int, onto matrix: [Double], rank r: Int) -> TensorBatch {
        var dims = shape
        let d = dims[mode + 1]
        precondition(matrix.count == d * r, "projected: matrix of \(matrix.count) values for [\(d), \(r)]")
        let before = dims[0..<(mode + 1)].reduce(1, *)
        let after = dims[(mode + 2)...].reduce(1, *)
        dims[mode + 1] = r
        var out = [Double](repeating: 0, count: before * r * after)
        if after == 1 {
            dgemm(m: before, n: r, k: d, a: values, b: matrix, c: &out)
        } else if mode == 0 {
            // One GEMM per tensor: Mᵀ [r, d] · X_i [d, after].
            var slice = [Double](repeating: 0, count: r * after)
            for i in 0..<before {
                let x = Array(values[(i * d * after)..<((i + 1) * d * after)])
                dgemm(transposeA: true, m: r, n: after, k: d, a: matrix, b: x, c: &slice)
                out.replaceSubrange((i * r * after)..<((i + 1) * r * after), with: slice)
            }
        } else {
            for p in 0..<before {
                let xBase = p * d * after, yBase = p * r * after
                for i in 0..<d {
                    for j in 0..<r {
                        let m = matrix[i * r + j]
                        if m == 0 { continue }
                        for q in 0..<after { out[yBase + j * after + q] += m * values[xBase + i * after + q] }
                    }
                }
            }
        }
        return TensorBatch(shape: dims, values: out)
    }

    /// The mode-`mode` scatter (1/N) Σᵢ Xᵢ₍ₙ₎ Xᵢ₍ₙ₎ᵀ `[dₙ, dₙ]` (row-major), Xᵢ₍ₙ₎ the mode-n unfolding of
    /// tensor i (its mode-n fibres as columns).
    public func modeScatter(_ mode: Int) -> [Double] {
        let d = shape[mode + 1]
        let before = shape[1..<(mode + 1)].reduce(1, *)
        let after = shape[(mode + 2)...].reduce(1, *)
        let columns = shape[0] * before * after
        // The unfolding of the whole batch: [d, N · before · after].
        var unfolded = [Double](repeating: 0, count: d * columns)
        for n in 0..<shape[0] {
            for p in 0..<before {
                let base = (n * before + p) * d * after
                let column = (n * before + p) * after
                for i in 0..<d {
                    for q in 0..<after { unfolded[i * columns + column + q] = values[base + i * after + q] }
                }
            }
        }
        var scatter = [Double](repeating: 0, count: d * d)
        dgemm(transposeB: true, m: d, n: d, k: columns, alpha: 1 / Double(shape[0]), a: unfolded, b: unfolded, c: &scatter)
        return scatter
    }
}
