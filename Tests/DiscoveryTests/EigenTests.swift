import Discovery
import NumericCore
import Testing

@Suite struct EigenTests {
    @Test func symmetricEigenOfAKnownMatrix() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
        let eigen = SymmetricEigen([[2, 1], [1, 2]])
        #expect(abs(eigen.values[0] - 3) < 1e-12 && abs(eigen.values[1] - 1) < 1e-12)
        let r = 0.5.squareRoot()
        #expect(zip(eigen.vectors[0], [r, r]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(abs(eigen.vectors[1][0]) - r) < 1e-12 && abs(eigen.vectors[1][0] + eigen.vectors[1][1]) < 1e-12)
    }

    @Test func symmetricEigenReconstructsALargerMatrix() {
        var random = RandomSource(seed: 3)
        let n = 12
        let b = (0..<n).map { _ in (0..<n).map { _ in Double(random.normal()) } }
        let matrix = (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + b[i][$1] * b[j][$1] } } }
        let eigen = SymmetricEigen(matrix)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        for i in 0..<n {
            for j in 0..<n {
                let rebuilt = (0..<n).reduce(0) { $0 + eigen.values[$1] * eigen.vectors[$1][i] * eigen.vectors[$1][j] }
                #expect(abs(rebuilt - matrix[i][j]) < 1e-9 * (1 + abs(matrix[i][j])))
            }
        }
    }

    @Test func sefaFindsTheEigenvectorsOfAKnownWeight() {
        // W [2, 1, 2, 2] with rows a = (1, 1, 0, 0), b = (1, 0, 1, 0): W Wᵀ = [[2, 1], [1, 2]].
        let weight = Tensor(shape: [2, 1, 2, 2], storage: [1, 1, 0, 0, 1, 0, 1, 0])
        let directions = sefaDirections(firstLayerWeight: weight, count: 2)
        let r = Float(0.5.squareRoot())
        #expect(directions.map(\.name) == ["EV1", "EV2"])
        #expect(abs(directions[0].vector[0] - r) < 1e-6 && abs(directions[0].vector[1] - r) < 1e-6)
        #expect(abs(abs(directions[1].vector[0]) - r) < 1e-6 && abs(directions[1].vector[0] + directions[1].vector[1]) < 1e-6)
    }
}
