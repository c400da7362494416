import CBLAS

/// Single-precision matrix multiply through BLAS: `c = alpha * op(a) * op(b) + beta * c`, row-major.
///
/// `op(a)` is `m × k`, `op(b)` is `k × n`, `c` is `m × n`; `transposeA`/`transposeB` select the transpose
/// of the stored matrix. Offsets select a sub-matrix start inside each array; leading dimensions default to
/// the dense row length.
public func sgemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1,
    a: [Float], aOffset: Int = 0, lda: Int? = nil,
    b: [Float], bOffset: Int = 0, ldb: Int? = nil,
    beta: Float = 0,
    c: inout [Float], cOffset: Int = 0, ldc: Int? = nil
) {
    let lda = lda ?? (transposeA ? m : k)
    let ldb = ldb ?? (transposeB ? k : n)
    let ldc = ldc ?? n
    precondition(aOffset + (transposeA ? (k - 1) * lda + m : (m - 1) * lda + k) <= a.count || m == 0 || k == 0,
                 "sgemm: a too small")
    precondition(bOffset + (transposeB ? (n - 1) * ldb + k : (k - 1) * ldb + n) <= b.count || n == 0 || k == 0,
                 "sgemm: b too small")
    precondition(cOffset + (m - 1) * ldc + n <= c.count || m == 0 || n == 0, "sgemm: c too small")
    if m == 0 || n == 0 { return }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                cblas_sgemm(CblasRowMajor,
                            transposeA ? CblasTrans : CblasNoTrans,
                            transposeB ? CblasTrans : CblasNoTrans,
                            Int32(m), Int32(n), Int32(k),
                            alpha, pa.baseAddress! + aOffset, Int32(lda),
                            pb.baseAddress! + bOffset, Int32(ldb),
                            beta, pc.baseAddress! + cOffset, Int32(ldc))
            }
        }
    }
}

/// Double-precision matrix multiply through BLAS, row-major: `c = alpha · op(a) · op(b) + beta · c` with
/// `op(a)` `m × k`, `op(b)` `k × n` and `c` `m × n`, all dense.
public func dgemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
                  a: [Double], b: [Double], beta: Double = 0, c: inout [Double]) {
    precondition(a.count >= m * k && b.count >= k * n && c.count >= m * n, "dgemm: arrays too small")
    if m == 0 || n == 0 { return }
    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n),
                beta, &c, Int32(n))
}
