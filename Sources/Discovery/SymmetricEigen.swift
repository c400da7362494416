/// The eigendecomposition of a real symmetric matrix.
public struct SymmetricEigen: Sendable, Equatable {
    /// The eigenvalues, largest first.
    public let values: [Double]
    /// The unit eigenvectors, one per row in the order of `values`; each signed so that its entry of largest
    /// magnitude (the first such on a tie) is positive.
    public let vectors: [[Double]]

    /// The eigendecomposition of the symmetric `matrix` (n rows of n), by cyclic Jacobi rotations until the
    /// off-diagonal part is below 1e-14 of the matrix's size (or 100 sweeps). Only the upper triangle is read.
    public init(_ matrix: [[Double]]) {
        let n = matrix.count
        precondition(matrix.allSatisfy { $0.count == n }, "SymmetricEigen needs a square matrix")
        var a = (0..<n).map { i in (0..<n).map { j in i <= j ? matrix[i][j] : matrix[j][i] } }
        var v = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0.0 } }
        let scale = a.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }.squareRoot()
        for _ in 0..<100 {
            var offDiagonal = 0.0
            for i in 0..<n { for j in (i + 1)..<n { offDiagonal += a[i][j] * a[i][j] } }
            if offDiagonal.squareRoot() <= 1e-14 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    rotate(&a, &v, p, q)
                }
            }
        }
        let diagonal = (0..<n).map { a[$0][$0] }
        let order = (0..<n).sorted { (i: Int, j: Int) -> Bool in
            diagonal[i] != diagonal[j] ? diagonal[i] > diagonal[j] : i < j
        }
        values = order.map { diagonal[$0] }
        vectors = order.map { column in
            let vector = (0..<n).map { v[$0][column] }
            var largest = 0
            for i in vector.indices where abs(vector[i]) > abs(vector[largest]) { largest = i }
            return vector.isEmpty || vector[largest] >= 0 ? vector : vector.map { -$0 }
        }
    }
}

/// One Jacobi rotation zeroing `a[p][q]` of the symmetric `a`, accumulated into the eigenvector columns of `v`.
private func rotate(_ a: inout [[Double]], _ v: inout [[Double]], _ p: Int, _ q: Int) {
    let n = a.count
    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
    let c = 1 / (t * t + 1).squareRoot(), s = t * c
    for k in 0..<n {
        let (akp, akq) = (a[k][p], a[k][q])
        a[k][p] = c * akp - s * akq
        a[k][q] = s * akp + c * akq
    }
    for k in 0..<n {
        let (apk, aqk) = (a[p][k], a[q][k])
        a[p][k] = c * apk - s * aqk
        a[q][k] = s * apk + c * aqk
    }
    for k in 0..<n {
        let (vkp, vkq) = (v[k][p], v[k][q])
        v[k][p] = c * vkp - s * vkq
        v[k][q] = s * vkp + c * vkq
    }
}
