import CLAPACK

/// A LAPACK routine that reported a failure (`info` ≠ 0): the routine's name and its `info`.
public struct LapackFailure: Error, CustomStringConvertible, Equatable {
    /// The routine, e.g. "dsyevd".
    public let routine: String
    /// LAPACK's `info`: negative for an illegal argument, positive for a numerical failure.
    public let info: Int

    /// One line naming the routine and the code.
    public var description: String { "LAPACK \(routine) failed with info \(info)" }
}

/// The eigendecomposition of the real symmetric `n × n` matrix `matrix` (row-major; only its upper triangle
/// is read) by LAPACK's divide-and-conquer `dsyevd`. Returns the eigenvalues in ascending order and the unit
/// eigenvectors as the rows of a row-major `n × n` array, row i belonging to value i.
public func symmetricEigenvalues(_ matrix: [Double], n: Int) throws -> (values: [Double], vectors: [Double]) {
    precondition(n >= 1 && matrix.count == n * n, "symmetricEigenvalues: \(matrix.count) values for n = \(n)")
    // Row-major upper triangle == column-major lower triangle.
    ensureBLASSetUp()
    var a = matrix
    var values = [Double](repeating: 0, count: n)
    var info: Int32 = 0
    var size = Int32(n), lda = Int32(n)
    var workQuery = 0.0, iworkQuery: Int32 = 0, minusOne: Int32 = -1
    dsyevd_("V", "L", &size, &a, &lda, &values, &workQuery, &minusOne, &iworkQuery, &minusOne, &info, 1, 1)
    guard info == 0 else { throw LapackFailure(routine: "dsyevd", info: Int(info)) }
    var lwork = Int32(workQuery), liwork = iworkQuery
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    dsyevd_("V", "L", &size, &a, &lda, &values, &work, &lwork, &iwork, &liwork, &info, 1, 1)
    guard info == 0 else { throw LapackFailure(routine: "dsyevd", info: Int(info)) }
    // Column j of the column-major result (eigenvector j) is row j when the array is read row-major.
    return (values, a)
}

/// The least-squares solution X `[n, k]` (row-major) of A X ≈ B for A `[m, n]` and B `[m, k]` (row-major) by
/// LAPACK's `dgels` (QR when m ≥ n; the minimum-norm solution by LQ when m < n). A must have full rank.
public func leastSquaresSolution(a: [Double], m: Int, n: Int, b: [Double], k: Int) throws -> [Double] {
    precondition(m >= 1 && n >= 1 && k >= 1 && a.count == m * n && b.count == m * k,
                 "leastSquaresSolution: A has \(a.count) values for [\(m), \(n)], B \(b.count) for [\(m), \(k)]")
    // A row-major [m, n] is Aᵀ column-major [n, m]: solve (Aᵀ)ᵀ X = B with trans = "T".
    ensureBLASSetUp()
    var stored = a
    let rows = max(m, n)
    var rhs = [Double](repeating: 0, count: rows * k)
    for i in 0..<m { for j in 0..<k { rhs[j * rows + i] = b[i * k + j] } }
    var mm = Int32(n), nn = Int32(m), nrhs = Int32(k), lda = Int32(n), ldb = Int32(rows), info: Int32 = 0
    var query = 0.0, minusOne: Int32 = -1
    dgels_("T", &mm, &nn, &nrhs, &stored, &lda, &rhs, &ldb, &query, &minusOne, &info, 1)
    guard info == 0 else { throw LapackFailure(routine: "dgels", info: Int(info)) }
    var lwork = Int32(query)
    var work = [Double](repeating: 0, count: Int(lwork))
    dgels_("T", &mm, &nn, &nrhs, &stored, &lda, &rhs, &ldb, &work, &lwork, &info, 1)
    guard info == 0 else { throw LapackFailure(routine: "dgels", info: Int(info)) }
    var x = [Double](repeating: 0, count: n * k)
    for i in 0..<n { for j in 0..<k { x[i * k + j] = rhs[j * rows + i] } }
    return x
}
