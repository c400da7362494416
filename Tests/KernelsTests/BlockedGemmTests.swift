import Foundation
import Testing
@testable import Kernels
import CommandTestSupport

/// Large products run as blocks side by side on one-threaded BLAS; these check the blocks' arithmetic and that a
/// product's bytes depend on its inputs alone.
@Suite("Blocked products and the BLAS set-up")
struct BlockedGemmTests {
    /// Shapes that cut along rows (m ≥ n) and along columns, both past the size where blocks start.
    static let shapes = [(m: 600, n: 40, k: 200), (m: 40, n: 600, k: 200)]

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func blockedSgemmMatchesNaiveProduct(transposeA: Bool, transposeB: Bool) {
        for (m, n, k) in Self.shapes {
            #expect(productBlocks(m: m, n: n, k: k).count == 3)
            // Operands inside larger arrays (offsets, leading dimensions) and C accumulated with beta.
            let (lda, ldb, ldc) = ((transposeA ? m : k) + 3, (transposeB ? k : n) + 5, n + 7)
            let a = gaussianValues((transposeA ? k : m) * lda + 11, seed: 41)
            let b = gaussianValues((transposeB ? n : k) * ldb + 13, seed: 42)
            let c0 = gaussianValues(m * ldc + 17, seed: 43)
            var c = c0
            sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 0.5,
                  a: a, aOffset: 11, lda: lda, b: b, bOffset: 13, ldb: ldb, beta: 2, c: &c, cOffset: 17, ldc: ldc)
            var worst: Double = 0
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Double = 0
                    for p in 0..<k {
                        let x = transposeA ? a[11 + p * lda + i] : a[11 + i * lda + p]
                        let y = transposeB ? b[13 + j * ldb + p] : b[13 + p * ldb + j]
                        sum += Double(x) * Double(y)
                    }
                    let expected = 0.5 * sum + 2 * Double(c0[17 + i * ldc + j])
                    worst = max(worst, abs(Double(c[17 + i * ldc + j]) - expected))
                }
            }
            #expect(worst < 1e-3, "\(m)×\(n)×\(k): largest error \(worst)")
            // Padding between rows and around C stays untouched.
            #expect(c[0..<17] == c0[0..<17])
            #expect((0..<m).allSatisfy { i in c[(17 + i * ldc + n)..<(17 + i * ldc + ldc)] == c0[(17 + i * ldc + n)..<(17 + i * ldc + ldc)] })
        }
    }

    @Test(arguments: [(false, false), (true, true)])
    func blockedDgemmMatchesNaiveProduct(transposeA: Bool, transposeB: Bool) {
        for (m, n, k) in Self.shapes {
            let a = gaussianValues(m * k, seed: 44).map(Double.init)
            let b = gaussianValues(k * n, seed: 45).map(Double.init)
            var c = [Double](repeating: 1, count: m * n)
            dgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 2, a: a, b: b, beta: -1, c: &c)
            var worst: Double = 0
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Double = 0
                    for p in 0..<k { sum += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j]) }
                    worst = max(worst, abs(c[i * n + j] - (2 * sum - 1)))
                }
            }
            #expect(worst < 1e-10)
        }
    }

    @Test("blocks follow the shape alone: small or thin products are one block, large ones are cut along the longer side")
    func blocksFollowTheShape() {
        #expect(productBlocks(m: 64, n: 64, k: 64).count == 1)
        #expect(productBlocks(m: 100_000, n: 4, k: 4).count == 1)  // few multiply-adds per row: one call
        #expect(productBlocks(m: 500, n: 500, k: 500).count == 1)  // neither side reaches two blocks
        let rows = productBlocks(m: 1000, n: 300, k: 64)
        #expect(rows.map(\.rows) == [0..<256, 256..<512, 512..<768, 768..<1000])
        #expect(rows.allSatisfy { $0.columns == 0..<300 })
        let columns = productBlocks(m: 300, n: 600, k: 64)
        #expect(columns.map(\.columns) == [0..<256, 256..<512, 512..<600])
        #expect(rowSlices(count: 70, rows: 32) == [0..<32, 32..<64, 64..<70])
        #expect(rowSlices(count: 0, rows: 32) == [0..<0])
    }

    /// OpenBLAS's thread count is one setting for the whole process; when a part of the program changed it while
    /// another thread multiplied, that product was cut differently and its last bits changed (a test of a resumed
    /// training run failed now and then for this). Every product now runs on one-threaded BLAS, cut by its shape.
    @Test("a product gives the same bytes alone and while eight others run beside it")
    func sameBytesWhateverRunsBeside() {
        let (m, n, k) = (700, 333, 129)
        let a = gaussianValues(m * k, seed: 46), b = gaussianValues(k * n, seed: 47)
        func product() -> [Float] {
            var c = [Float](repeating: 0, count: m * n)
            sgemm(m: m, n: n, k: k, a: a, b: b, c: &c)
            return c
        }
        let alone = product()
        let beside = inParallel(parts: 8) { _ in product() }
        #expect(beside.allSatisfy { $0 == alone })
        // Slices of a batch computed on their own give the bytes of the same slices inside the whole run.
        let sliced = inParallel(parts: 3) { part -> [Float] in
            let rows = rowSlices(count: m, rows: 256)[part]
            var c = [Float](repeating: 0, count: rows.count * n)
            sgemm(m: rows.count, n: n, k: k, a: Array(a[(rows.lowerBound * k)..<(rows.upperBound * k)]), b: b, c: &c)
            return c
        }
        #expect(Array(sliced.joined()) == alone)
    }

    @Test("kernels: the best family the CPU's flags allow, and generic ones replaced when the CPU allows better")
    func kernelChoice() {
        let avx512: Set = ["avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]
        #expect(bestKernels(forFlags: avx512.union(["avx512_bf16"])) == "Cooperlake")
        #expect(bestKernels(forFlags: avx512) == "SkylakeX")
        #expect(bestKernels(forFlags: ["avx2", "fma", "avx512f"]) == "Haswell")
        #expect(bestKernels(forFlags: ["sse3", "avx"]) == nil)
        let setup = blasSetup
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, setup.detectedKernels.lowercased() == "prescott",
           setup.reason.contains("allow") {
            #expect(setup.kernels.lowercased() != "prescott", "\(setup)")
        }
    }
}
