import Kernels
import Foundation
import Testing

@Suite struct LapackTests {
    @Test func eigenpairsSatisfyTheDefinitionAndAreOrthonormal() throws {
        let n = 7
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { let v = sin(Double(3 * i + 5 * j + 1)); a[i * n + j] = v; a[j * n + i] = v } }
        let (values, vectors) = try symmetricEigenvalues(a, n: n)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        for k in 0..<n {
            let v = Array(vectors[(k * n)..<((k + 1) * n)])
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] }
                #expect(abs(av - values[k] * v[i]) < 1e-12)
            }
            for l in 0..<n {
                let dot = (0..<n).reduce(0.0) { $0 + v[$1] * vectors[l * n + $1] }
                #expect(abs(dot - (k == l ? 1 : 0)) < 1e-12)
            }
        }
    }

    @Test func knownEigenvaluesOfATwoByTwo() throws {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
        let (values, vectors) = try symmetricEigenvalues([2, 1, 1, 2], n: 2)
        #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
        #expect(abs(abs(vectors[2]) - 0.5.squareRoot()) < 1e-14 && abs(vectors[2] - vectors[3]) < 1e-14)
    }

    @Test func overdeterminedLeastSquaresMeetsTheNormalEquations() throws {
        let (m, n, k) = (9, 3, 2)
        let a = (0..<(m * n)).map { cos(Double($0) * 0.7) + (($0 % (n + 1)) == 0 ? 2 : 0) }
        let b = (0..<(m * k)).map { sin(Double($0) * 1.3) }
        let x = try leastSquaresSolution(a: a, m: m, n: n, b: b, k: k)
        // Aᵀ (A X − B) = 0.
        for j in 0..<n {
            for c in 0..<k {
                let g = (0..<m).reduce(0.0) { sum, i in
                    let r = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * x[$1 * k + c] } - b[i * k + c]
                    return sum + a[i * n + j] * r
                }
                #expect(abs(g) < 1e-12)
            }
        }
    }

    @Test func underdeterminedLeastSquaresIsTheMinimumNormSolution() throws {
        // x1 + x2 = 2 has the minimum-norm solution (1, 1).
        let x = try leastSquaresSolution(a: [1, 1], m: 1, n: 2, b: [2], k: 1)
        #expect(abs(x[0] - 1) < 1e-14 && abs(x[1] - 1) < 1e-14)
    }

    @Test func dgemmMatchesALoop() {
        let a = (0..<6).map(Double.init), b = (0..<12).map { Double($0) - 4 }
        var c = [Double](repeating: 1, count: 8)
        dgemm(transposeA: true, m: 2, n: 4, k: 3, alpha: 2, a: a, b: b, beta: 1, c: &c)
        for i in 0..<2 { for j in 0..<4 {
            let expected = 1 + 2 * (0..<3).reduce(0.0) { $0 + a[$1 * 2 + i] * b[$1 * 4 + j] }
            #expect(c[i * 4 + j] == expected)
        } }
    }
}
