import COrderedGemm
import Foundation

/// The single-precision product whose every element is summed in index order: `s = init`, then
/// `s = fma(op(a)[i][p], op(b)[p][j], s)` for p = 0, 1, …, k-1 (each a fused multiply-add, rounded once), with
/// `init` 0, or `c[i][j]` when `accumulate` is true. Row-major; `op(a)` is `m × k`, `op(b)` is `k × n`.
///
/// An element's bytes depend on its own row of `op(a)`, its own column of `op(b)` and `k`, and on nothing else: not
/// on `m` or `n`, where the row sits, how the work is split across cores, or which vector instructions the CPU
/// has (AVX-512, AVX2 with FMA and SSE2 paths give the same bytes; SSE2, for CPUs without FMA instructions, is
/// many times slower). Per-sample products use it — a sample's image, score
/// or gradient is then the same whatever batch it is in, at any batch position, on any x86-64 CPU. BLAS
/// (``sgemm(transposeA:transposeB:m:n:k:alpha:a:aOffset:lda:b:bOffset:ldb:beta:c:cOffset:ldc:)``) cannot promise
/// that: OpenBLAS's AVX2 kernels round a row differently by its position in the register tile and by the
/// product's size. Sums over a batch (weight gradients) stay on BLAS.
public func orderedSgemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    a: [Float], aOffset: Int = 0, lda: Int? = nil,
    b: [Float], bOffset: Int = 0, ldb: Int? = nil,
    accumulate: Bool = false,
    c: inout [Float], cOffset: Int = 0, ldc: Int? = nil
) {
    let lda = lda ?? (transposeA ? m : k)
    let ldb = ldb ?? (transposeB ? k : n)
    let ldc = ldc ?? n
    requireOperands("orderedSgemm", transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    a: (a.count, aOffset, lda), b: (b.count, bOffset, ldb), c: (c.count, cOffset, ldc))
    if m == 0 || n == 0 { return }
    let parts = orderedProductParts(m: m, n: n, k: k)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                let (pa, pb, pc) = (UncheckedSendable(pa.baseAddress!), UncheckedSendable(pb.baseAddress!),
                                    UncheckedSendable(pc.baseAddress!))
                let run: @Sendable (ProductBlock) -> Void = { part in
                    let (i, j) = (part.rows.lowerBound, part.columns.lowerBound)
                    ordered_sgemm(transposeA ? 1 : 0, transposeB ? 1 : 0, part.rows.count, part.columns.count, k,
                                  pa.value + aOffset + (transposeA ? i : i * lda), lda,
                                  pb.value + bOffset + (transposeB ? j * ldb : j), ldb,
                                  pc.value + cOffset + i * ldc + j, ldc, accumulate ? 1 : 0)
                }
                if parts.count == 1 { return run(parts[0]) }
                DispatchQueue.concurrentPerform(iterations: parts.count) { run(parts[$0]) }
            }
        }
    }
}

/// The instruction set the ordered product runs on here (`avx512`, `avx2` or `sse2`): the best the CPU has, or
/// the one named by `GRADCTRL_ORDERED_GEMM`. It changes the speed, never the bytes.
public var orderedProductInstructionSet: String {
    switch ordered_gemm_active_isa() {
    case ORDERED_GEMM_AVX512: "avx512"
    case ORDERED_GEMM_AVX2: "avx2"
    default: "sse2"
    }
}

/// The cores this process may use, read once (Foundation reads it from files under /sys on every call).
private let coreCount = ProcessInfo.processInfo.activeProcessorCount

/// Products at least this large are split across the cores.
private let orderedParallelMultiplyAdds = 1 << 22

/// How a product is split across the cores: along its longer output side into one part per core, in multiples
/// of 32, when it is large and long enough (a small one, such as a training batch's, runs whole: the callers
/// already run such work side by side). Any split gives the same bytes, so the split may follow the core count.
private func orderedProductParts(m: Int, n: Int, k: Int) -> [ProductBlock] {
    let cores = coreCount
    guard cores > 1, m * n * k >= orderedParallelMultiplyAdds, max(m, n) >= 512 else {
        return [ProductBlock(rows: 0..<m, columns: 0..<n)]
    }
    let side = max(m, n)
    let step = ((side + cores - 1) / cores + 31) / 32 * 32
    return stride(from: 0, to: side, by: step).map { start in
        let range = start..<min(start + step, side)
        return m >= n ? ProductBlock(rows: range, columns: 0..<n) : ProductBlock(rows: 0..<m, columns: range)
    }
}

/// The instruction sets the ordered product has, slowest first.
public let orderedProductInstructionSets = ["sse2", "avx2", "avx512"]

/// Runs later ordered products on `name` (one of ``orderedProductInstructionSets``), lowered to what the CPU has;
/// returns the one in use. Only the speed changes: every set gives the same bytes.
@discardableResult
public func useOrderedProductInstructionSet(_ name: String) -> String {
    let isa: ordered_gemm_isa = switch name {
    case "avx512": ORDERED_GEMM_AVX512
    case "avx2": ORDERED_GEMM_AVX2
    default: ORDERED_GEMM_SSE2
    }
    ordered_gemm_use_isa(isa)
    return orderedProductInstructionSet
}
