import Kernels
import NumericCore

/// A linear map fitted by exact least squares (LAPACK `dgels`): `weight` `[inputs, outputs]` (row-major)
/// minimising Σⱼ ‖Wᵀ xⱼ (+ b) − yⱼ‖², with the minimum-norm solution when the samples do not determine it.
public struct LeastSquaresMap: Sendable, Equatable {
    /// `[inputs, outputs]`, row-major.
    public let weight: [Double]
    /// The intercept `[outputs]` (zeros without one).
    public let intercept: [Double]
    /// The input and output sizes.
    public let inputs: Int, outputs: Int

    /// The least-squares map from the rows of `inputs` `[N, F]` to those of `targets` `[N, D]`, with an
    /// intercept when `withIntercept`. Throws if LAPACK fails (for example a rank-deficient design).
    public init(from inputs: Tensor, to targets: Tensor, withIntercept: Bool) throws {
        let n = inputs.shape[0], f = inputs.count / max(n, 1), d = targets.count / max(n, 1)
        precondition(targets.shape[0] == n, "LeastSquaresMap: \(n) inputs, \(targets.shape[0]) targets")
        let columns = f + (withIntercept ? 1 : 0)
        var design = [Double](repeating: 1, count: n * columns)
        for row in 0..<n { for j in 0..<f { design[row * columns + j] = Double(inputs.storage[row * f + j]) } }
        let solution = try leastSquaresSolution(a: design, m: n, n: columns, b: targets.storage.map(Double.init), k: d)
        weight = Array(solution[0..<(f * d)])
        intercept = withIntercept ? Array(solution[(f * d)...]) : [Double](repeating: 0, count: d)
        self.inputs = f
        self.outputs = d
    }

    /// The outputs `[N, D]` for inputs `[N, F]` (any trailing shape of F values).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let n = x.count / inputs
        var out = [Double](repeating: 0, count: n * outputs)
        dgemm(m: n, n: outputs, k: inputs, a: x.storage.map(Double.init), b: weight, c: &out)
        for row in 0..<n { for j in 0..<outputs { out[row * outputs + j] += intercept[j] } }
        return Tensor(shape: [n, outputs], storage: out.map(Float.init))
    }
}

/// The share of an activation-space edit that the latent can reach to first order: ‖P Δ‖² / ‖Δ‖², where P
/// projects onto the column span of the linear map B `[F, D]` from the latent to the activations (for block 1
/// of the embedded generator before its ReLU this map is exact; for deeper blocks, the least-squares linear
/// fit of the activations on the latent).
public struct ReachableSpan: Sendable {
    /// An orthonormal basis of the span, `[rank, F]` row-major.
    let basis: [Double]
    /// Its dimension.
    public let rank: Int
    /// F.
    public let size: Int

    /// The span of the least-squares linear map from `latents` `[N, D]` to `activations` `[N, F…]` (with an
    /// intercept). Directions of the map with singular value below 1e-8 of the largest are dropped.
    public init(latents: Tensor, activations: Tensor) throws {
        let map = try LeastSquaresMap(from: latents, to: activations.reshaped([activations.shape[0], activations.count / activations.shape[0]]),
                                      withIntercept: true)
        // B = weightᵀ [F, D]; an orthonormal basis of its columns from the eigenvectors of BᵀB = weight weightᵀ.
        let (d, f) = (map.inputs, map.outputs)
        var gram = [Double](repeating: 0, count: d * d)
        dgemm(transposeB: true, m: d, n: d, k: f, a: map.weight, b: map.weight, c: &gram)
        let (values, vectors) = try symmetricEigenvalues(gram, n: d)
        let largest = values.last ?? 0
        var basis = [Double]()
        var rank = 0
        for k in stride(from: d - 1, through: 0, by: -1) where values[k] > 1e-16 * largest && values[k] > 0 {
            // u = B v / ‖B v‖ = weightᵀ v / sqrt(λ).
            let v = Array(vectors[(k * d)..<((k + 1) * d)])
            var u = [Double](repeating: 0, count: f)
            dgemm(transposeA: true, m: f, n: 1, k: d, a: map.weight, b: v, c: &u)
            let norm = values[k].squareRoot()
            basis += u.map { $0 / norm }
            rank += 1
        }
        self.basis = basis
        self.rank = rank
        self.size = f
    }

    /// ‖P Δ‖² / ‖Δ‖² for the edit `delta` of F values (0 for a zero edit).
    public func share(of delta: [Double]) -> Double {
        precondition(delta.count == size, "share: \(delta.count) values, the span lives in \(size)")
        var coordinates = [Double](repeating: 0, count: rank)
        dgemm(m: rank, n: 1, k: size, a: basis, b: delta, c: &coordinates)
        let total = delta.reduce(0) { $0 + $1 * $1 }
        return total > 0 ? coordinates.reduce(0) { $0 + $1 * $1 } / total : 0
    }
}
