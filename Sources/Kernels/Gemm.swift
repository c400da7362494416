import CBLAS
import Dispatch

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
    requireOperands("sgemm", transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    a: (a.count, aOffset, lda), b: (b.count, bOffset, ldb), c: (c.count, cOffset, ldc))
    if m == 0 || n == 0 { return }
    ensureBLASSetUp()
    let blocks = productBlocks(m: m, n: n, k: k)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                let (pa, pb, pc) = (UncheckedSendable(pa.baseAddress!), UncheckedSendable(pb.baseAddress!),
                                    UncheckedSendable(pc.baseAddress!))
                forEachBlock(blocks) { block in
                    let (i, j) = (block.rows.lowerBound, block.columns.lowerBound)
                    cblas_sgemm(CblasRowMajor,
                                transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(block.rows.count), Int32(block.columns.count), Int32(k),
                                alpha, pa.value + aOffset + (transposeA ? i : i * lda), Int32(lda),
                                pb.value + bOffset + (transposeB ? j * ldb : j), Int32(ldb),
                                beta, pc.value + cOffset + i * ldc + j, Int32(ldc))
                }
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
    ensureBLASSetUp()
    let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                let (pa, pb, pc) = (UncheckedSendable(pa.baseAddress!), UncheckedSendable(pb.baseAddress!),
                                    UncheckedSendable(pc.baseAddress!))
                forEachBlock(productBlocks(m: m, n: n, k: k)) { block in
                    let (i, j) = (block.rows.lowerBound, block.columns.lowerBound)
                    cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                                transposeB ? CblasTrans : CblasNoTrans,
                                Int32(block.rows.count), Int32(block.columns.count), Int32(k),
                                alpha, pa.value + (transposeA ? i : i * lda), Int32(lda),
                                pb.value + (transposeB ? j * ldb : j), Int32(ldb),
                                beta, pc.value + i * n + j, Int32(n))
                }
            }
        }
    }
}

/// One block of a product's output: the rows and columns of C it covers.
struct ProductBlock: Equatable {
    let rows: Range<Int>
    let columns: Range<Int>
}

/// The side of the blocks a large product is cut into.
let productBlockSide = 256
/// Products below this many multiply-adds run as one block.
let smallProductMultiplyAdds = 1 << 22

/// How an m × n × k product is cut into blocks that run side by side: by the shape alone, never by the core
/// count, so that a product gives the same bytes on any machine (each block is one single-threaded BLAS call,
/// and BLAS rounds a row at a block's edge differently from one inside it). A large product is cut along its
/// longer output side into blocks of ``productBlockSide``; a small one, or one too thin to cut, is one block.
func productBlocks(m: Int, n: Int, k: Int) -> [ProductBlock] {
    guard m * n * k >= smallProductMultiplyAdds, max(m, n) >= 2 * productBlockSide else {
        return [ProductBlock(rows: 0..<m, columns: 0..<n)]
    }
    if m >= n {
        return stride(from: 0, to: m, by: productBlockSide).map {
            ProductBlock(rows: $0..<min($0 + productBlockSide, m), columns: 0..<n)
        }
    }
    return stride(from: 0, to: n, by: productBlockSide).map {
        ProductBlock(rows: 0..<m, columns: $0..<min($0 + productBlockSide, n))
    }
}

/// Runs `body` for every block, side by side when there are several; the blocks write disjoint parts of C.
private func forEachBlock(_ blocks: [ProductBlock], _ body: (ProductBlock) -> Void) {
    if blocks.count == 1 { return body(blocks[0]) }
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: blocks.count) { work.value(blocks[$0]) }
    }
}

/// Traps unless each operand's storage (count, offset, leading dimension) holds the m × n × k product's matrix.
func requireOperands(_ name: String, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     a: (count: Int, offset: Int, ld: Int), b: (count: Int, offset: Int, ld: Int),
                     c: (count: Int, offset: Int, ld: Int)) {
    precondition(m >= 0 && n >= 0 && k >= 0, "\(name): negative size")
    precondition(a.offset + (transposeA ? (k - 1) * a.ld + m : (m - 1) * a.ld + k) <= a.count || m == 0 || k == 0,
                 "\(name): a too small")
    precondition(b.offset + (transposeB ? (n - 1) * b.ld + k : (k - 1) * b.ld + n) <= b.count || n == 0 || k == 0,
                 "\(name): b too small")
    precondition(c.offset + (m - 1) * c.ld + n <= c.count || m == 0 || n == 0, "\(name): c too small")
}
