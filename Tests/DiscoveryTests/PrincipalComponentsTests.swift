import CommandTestSupport
import Discovery
import NumericCore
import Testing

/// Orthonormal vectors: the eigenvectors of a random symmetric n × n matrix, the first `count` of them.
func orthonormalVectors(_ n: Int, count: Int, seed: UInt64) -> [[Double]] {
    var random = RandomSource(seed: seed)
    let b = (0..<n).map { _ in (0..<n).map { _ in Double(random.normal()) } }
    return Array(SymmetricEigen((0..<n).map { i in (0..<n).map { j in b[i][j] + b[j][i] } }).vectors.prefix(count))
}

/// |cos| of the angle between two vectors.
func alignment(_ a: [Float], _ b: [Double]) -> Double {
    let dot = zip(a, b).reduce(0) { $0 + Double($1.0) * $1.1 }
    let lengths = (a.reduce(0) { $0 + Double($1 * $1) } * b.reduce(0) { $0 + $1 * $1 }).squareRoot()
    return abs(dot) / lengths
}

@Suite struct PrincipalComponentsTests {
    /// Activations y = U S Vᵀ z + offset of 6-d white latents in 40 dimensions, singular values 6, 5, …, 1: the
    /// principal axes are U's columns with variances s², and regressing z on the coordinates gives V's columns.
    @Test func pcaAndRegressionRecoverAKnownLinearMap() {
        let (n, d, f) = (3000, 6, 40)
        let u = orthonormalVectors(f, count: d, seed: 1), v = orthonormalVectors(d, count: d, seed: 2)
        let singular: [Double] = [6, 5, 4, 3, 2, 1]
        let latents = gaussianLatents(n, d, seed: 3)
        var activations = [Float](repeating: 0, count: n * f)
        for row in 0..<n {
            let z = latents.storage[(row * d)..<((row + 1) * d)].map(Double.init)
            for c in 0..<d {
                let coordinate = singular[c] * zip(v[c], z).reduce(0) { $0 + $1.0 * $1.1 }
                for j in 0..<f { activations[row * f + j] += Float(coordinate * u[c][j]) }
            }
            for j in 0..<f { activations[row * f + j] += Float(j) * 0.1 }
        }
        let data = Tensor(shape: [n, f], storage: activations)
        var start = RandomSource(seed: 4)
        let pca = PrincipalComponents(of: data, count: 3, random: &start)
        // The exact answer for this sample: the eigenvectors of its covariance matrix.
        let mean = (0..<f).map { j in (0..<n).reduce(0.0) { $0 + Double(activations[$1 * f + j]) } / Double(n) }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: f), count: f)
        for row in 0..<n {
            let y = (0..<f).map { Double(activations[row * f + $0]) - mean[$0] }
            for a in 0..<f { for b in 0..<f { covariance[a][b] += y[a] * y[b] / Double(n) } }
        }
        let exact = SymmetricEigen(covariance)
        #expect(zip(pca.mean, mean).allSatisfy { abs(Double($0) - $1) < 1e-4 })
        for c in 0..<3 {
            let axis = Array(pca.axes.storage[(c * f)..<((c + 1) * f)])
            #expect(alignment(axis, exact.vectors[c]) > 0.99999)
            #expect(abs(pca.variances[c] / exact.values[c] - 1) < 1e-4)
            // …and, up to sampling noise, the map's own axes and variances.
            #expect(alignment(axis, u[c]) > 0.99)
            #expect(abs(pca.variances[c] / (singular[c] * singular[c]) - 1) < 0.1)
        }
        let directions = regressLatentDirections(latents: latents, coordinates: pca.coordinates(data))
        #expect(directions.map(\.name) == ["PC1", "PC2", "PC3"])
        for c in 0..<3 { #expect(alignment(directions[c].vector, v[c]) > 0.99) }
    }
}
