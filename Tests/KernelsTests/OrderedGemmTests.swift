import Foundation
import Testing
@testable import Kernels
import CommandTestSupport

/// The ordered product: each element is the in-order sum of rounded products, so its bytes depend on its own row,
/// column and k alone — the property that makes a sample's image and scores independent of its batch.
@Suite("The ordered product", .serialized)
struct OrderedGemmTests {
    /// The element an ordered product must give: from `start`, one fused multiply-add per p in index order.
    static func inOrder(_ x: (Int) -> Float, _ y: (Int) -> Float, k: Int, start: Float) -> Float {
        var sum = start
        for p in 0..<k { sum = sum.addingProduct(x(p), y(p)) }
        return sum
    }

    @Test("equals the in-order sum to the byte, with transposes, offsets, strides and accumulation",
          arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesInOrderSum(transposeA: Bool, transposeB: Bool) {
        // Edges of every register tile (m, n not multiples of 4, 6, 8, 16, 32), k across the 256-wide k-block.
        for (m, n, k) in [(1, 1, 1), (7, 13, 3), (37, 70, 300), (130, 5, 600), (3, 200, 0)] {
            let (lda, ldb, ldc) = ((transposeA ? m : k) + 3, (transposeB ? k : n) + 5, n + 7)
            let a = gaussianValues((transposeA ? k : m) * lda + 11, seed: 51)
            let b = gaussianValues((transposeB ? n : k) * ldb + 13, seed: 52)
            let c0 = gaussianValues(m * ldc + 17, seed: 53)
            for accumulate in [false, true] {
                var c = c0
                orderedSgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, aOffset: 11,
                             lda: lda, b: b, bOffset: 13, ldb: ldb, accumulate: accumulate, c: &c, cOffset: 17, ldc: ldc)
                var wrong = 0
                for i in 0..<m {
                    for j in 0..<n {
                        let expected = Self.inOrder({ transposeA ? a[11 + $0 * lda + i] : a[11 + i * lda + $0] },
                                                    { transposeB ? b[13 + j * ldb + $0] : b[13 + $0 * ldb + j] },
                                                    k: k, start: accumulate ? c0[17 + i * ldc + j] : 0)
                        if c[17 + i * ldc + j].bitPattern != expected.bitPattern { wrong += 1 }
                    }
                }
                #expect(wrong == 0, "\(m)×\(n)×\(k) accumulate \(accumulate): \(wrong) elements differ")
                #expect(c[0..<17] == c0[0..<17])
                #expect((0..<m).allSatisfy { i in
                    c[(17 + i * ldc + n)..<(17 + i * ldc + ldc)] == c0[(17 + i * ldc + n)..<(17 + i * ldc + ldc)]
                })
            }
        }
    }

    @Test("a row's bytes do not depend on the row count, its position or the split across cores")
    func rowIndependentOfBatch() {
        let (n, k) = (300, 100)
        let weights = gaussianValues(n * k, seed: 54)
        let rows = gaussianValues(70 * k, seed: 55)
        func product(_ first: Int, _ count: Int) -> [Float] {
            var out = [Float](repeating: 0, count: count * n)
            orderedSgemm(transposeB: true, m: count, n: n, k: k, a: rows, aOffset: first * k, b: weights, c: &out)
            return out
        }
        let all = product(0, 70)
        for (first, count) in [(0, 1), (5, 1), (3, 7), (10, 24), (33, 37)] {
            #expect(product(first, count) == Array(all[(first * n)..<((first + count) * n)]), "rows \(first)..<\(first + count)")
        }
        // Large enough to be split across the cores: the same bytes as its rows one at a time.
        let (bigN, bigK) = (2048, 512)
        let big = gaussianValues(bigN * bigK, seed: 56)
        let x = gaussianValues(96 * bigK, seed: 57)
        var whole = [Float](repeating: 0, count: 96 * bigN)
        orderedSgemm(transposeB: true, m: 96, n: bigN, k: bigK, a: x, b: big, c: &whole)
        var one = [Float](repeating: 0, count: bigN)
        orderedSgemm(transposeB: true, m: 1, n: bigN, k: bigK, a: x, aOffset: 50 * bigK, b: big, c: &one)
        #expect(one == Array(whole[(50 * bigN)..<(51 * bigN)]))
    }

    @Test("every instruction set gives the same bytes")
    func instructionSetsAgree() {
        let before = orderedProductInstructionSet
        defer { useOrderedProductInstructionSet(before) }
        let (m, n, k) = (45, 77, 260)
        let a = gaussianValues(m * k, seed: 58), b = gaussianValues(k * n, seed: 59)
        var results = [String: [Float]]()
        for name in orderedProductInstructionSets {
            let used = useOrderedProductInstructionSet(name)
            var c = [Float](repeating: 0, count: m * n)
            orderedSgemm(m: m, n: n, k: k, a: a, b: b, c: &c)
            results[used] = c
        }
        #expect(results.count >= 2, "this CPU runs only \(results.keys.sorted())")
        #expect(Set(results.values.map { $0.map(\.bitPattern) }).count == 1, "instruction sets \(results.keys.sorted()) disagree")
    }
}
