import CommandTestSupport
import Discovery
import Kernels
import Foundation
import Testing
import TensorFormats

@Suite struct MultilinearPCATests {
    /// The 8 reference samples of block 2 (256 × 8 × 8), as doubles.
    func block2() throws -> TensorBatch {
        let t = try readNpyTensor(fixturePath("dcgan-digiface-64/block2.npy"))
        return TensorBatch(shape: t.shape, values: t.storage.map(Double.init))
    }

    func reference(_ name: String) throws -> [Double] {
        guard case .float64(let values) = try readNpy(fixturePath("tca/\(name).npy")).data else {
            Issue.record("\(name) is not float64"); return []
        }
        return values
    }

    /// NumPy's bases (tools/make_tca_fixture.py) within 1e-4 up to sign, for the components it stored.
    func expectMatchesNumPy(_ pca: MultilinearPCA, _ name: String) throws {
        for mode in 0..<3 {
            let expected = try reference("mpca-\(name)-mode\(mode)")
            let d = pca.dimensions[mode]
            let stored = expected.count / d
            #expect(stored == min(16, pca.ranks[mode]))
            for k in 0..<stored {
                let ours = pca.component(mode: mode, index: k)
                let theirs = Array(expected[(k * d)..<((k + 1) * d)])
                let same = zip(ours, theirs).map { abs($0 - $1) }.max()!
                let flipped = zip(ours, theirs).map { abs($0 + $1) }.max()!
                #expect(min(same, flipped) < 1e-4, "mode \(mode) component \(k): \(min(same, flipped))")
            }
            let values = try reference("mpca-\(name)-values\(mode)")
            for (ours, theirs) in zip(pca.eigenvalues[mode], values) { #expect(abs(ours - theirs) <= 1e-9 * values[0]) }
        }
    }

    @Test func fullRanksMatchNumPy() throws {
        let data = try block2()
        let pca = try MultilinearPCA(of: data, ranks: data.dimensions)
        #expect(pca.sweeps == 0)
        try expectMatchesNumPy(pca, "full")
    }

    @Test func reducedRanksWithSweepsMatchNumPy() throws {
        let pca = try MultilinearPCA(of: try block2(), ranks: [12, 5, 6])
        #expect(pca.sweeps == 9)
        try expectMatchesNumPy(pca, "reduced")
    }

    @Test func basesAreOrthonormal() throws {
        let data = try block2()
        for ranks in [data.dimensions, [12, 5, 6]] {
            let pca = try MultilinearPCA(of: data, ranks: ranks)
            for mode in 0..<3 {
                for a in 0..<ranks[mode] {
                    for b in a..<ranks[mode] {
                        let dot = zip(pca.component(mode: mode, index: a), pca.component(mode: mode, index: b)).reduce(0.0) { $0 + $1.0 * $1.1 }
                        #expect(abs(dot - (a == b ? 1 : 0)) < 1e-10)
                    }
                }
            }
        }
    }

    @Test func modeProductsAndScattersMatchLoops() {
        let shape = [2, 3, 4, 5]
        let x = TensorBatch(shape: shape, values: (0..<120).map { sin(Double($0)) })
        for mode in 0..<3 {
            let d = shape[mode + 1], r = 2
            let m = (0..<(d * r)).map { cos(Double($0) * 0.3) }
            let y = x.projected(mode: mode, onto: m, rank: r)
            var expectedShape = shape; expectedShape[mode + 1] = r
            #expect(y.shape == expectedShape)
            func index(_ s: [Int], _ i: [Int]) -> Int { ((i[0] * s[1] + i[1]) * s[2] + i[2]) * s[3] + i[3] }
            for n in 0..<2 { for a in 0..<expectedShape[1] { for b in 0..<expectedShape[2] { for c in 0..<expectedShape[3] {
                var out = [n, a, b, c]
                var sum = 0.0
                for i in 0..<d {
                    var src = out; src[mode + 1] = i
                    sum += x.values[index(shape, src)] * m[i * r + out[mode + 1]]
                }
                out = [n, a, b, c]
                #expect(abs(y.values[index(expectedShape, out)] - sum) < 1e-12)
            } } } }
            let s = x.modeScatter(mode)
            for i in 0..<d { for j in 0..<d {
                var sum = 0.0
                for n in 0..<2 { for a in 0..<shape[1] { for b in 0..<shape[2] { for c in 0..<shape[3] {
                    var first = [n, a, b, c], second = first
                    guard first[mode + 1] == 0 else { continue }
                    first[mode + 1] = i; second[mode + 1] = j
                    sum += x.values[index(shape, first)] * x.values[index(shape, second)]
                } } } }
                #expect(abs(s[i * d + j] - sum / 2) < 1e-12)
            } }
        }
    }
}
