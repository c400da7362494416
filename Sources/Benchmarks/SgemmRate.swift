import Kernels
import NumericCore

/// A GEMM shape and the rate `cblas_sgemm` reaches on it.
public struct GemmRate: Sendable {
    /// Rows of the product.
    public let m: Int
    /// Columns of the product.
    public let n: Int
    /// Inner dimension.
    public let k: Int
    /// Seconds per product.
    public let seconds: Double
    /// Floating-point operations per product: 2·m·n·k.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    /// Achieved GFLOP/s.
    public var gigaflops: Double { flops / seconds / 1e9 }
}

/// A call of `cblas_sgemm` (or, if `ordered`, of the ordered product) computing Aᵀ·B for random operands of an
/// m×n×k product (the layout of the generator's layers), to be timed.
func sgemmCall(m: Int, n: Int, k: Int, ordered: Bool = false, random: inout RandomSource) -> () -> Void {
    let a = random.normals(k * m), b = random.normals(k * n)
    var c = [Float](repeating: 0, count: m * n)
    if ordered { return { orderedSgemm(transposeA: true, m: m, n: n, k: k, a: a, b: b, c: &c) } }
    return { sgemm(transposeA: true, m: m, n: n, k: k, a: a, b: b, c: &c) }
}

/// The rate of `cblas_sgemm` on one m×n×k product on this machine (all cores, as BLAS is configured), timed
/// for about `seconds`.
public func measureSgemm(m: Int, n: Int, k: Int, seconds: Double = 1) -> GemmRate {
    var random = RandomSource(seed: 0)
    let call = sgemmCall(m: m, n: n, k: k, random: &random)
    return GemmRate(m: m, n: n, k: k, seconds: secondsPerCall(minimumSeconds: seconds, call))
}
