import Testing
import Kernels
import CommandTestSupport

@Suite("sgemm")
struct GemmTests {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesNaiveProduct(transposeA: Bool, transposeB: Bool) {
        let (m, n, k) = (5, 4, 3)
        let a = gaussianValues(m * k, seed: 31), b = gaussianValues(k * n, seed: 32)
        var c = [Float](repeating: 0, count: m * n)
        sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, b: b, c: &c)
        for i in 0..<m {
            for j in 0..<n {
                var expected: Float = 0
                for p in 0..<k {
                    expected += (transposeA ? a[p * m + i] : a[i * k + p]) * (transposeB ? b[j * k + p] : b[p * n + j])
                }
                #expect(abs(c[i * n + j] - expected) < 1e-5)
            }
        }
    }
}
