import Kernels
import NumericCore

/// The leading principal components of the rows of a data matrix.
public struct PrincipalComponents: Sendable {
    /// The mean row `[F]`.
    public let mean: [Float]
    /// The principal axes `[k, F]`, unit rows, largest variance first.
    public let axes: Tensor
    /// The variance of the data along each axis (the mean square of its coordinates).
    public let variances: [Double]

    /// The leading `count` principal components of the rows of `data` `[N, F]`, found by subspace iteration
    /// (`iterations` multiplications by the centred data's covariance of `count + 10` orthonormalised vectors
    /// started from `random`), then Rayleigh–Ritz. Needs no F × F matrix, so F may be large.
    public init(of data: Tensor, count: Int, iterations: Int = 50, random: inout RandomSource) {
        let (n, f) = (data.shape[0], data.shape[1])
        precondition(data.rank == 2 && count >= 1 && count <= min(n, f), "PrincipalComponents: \(count) components of \(data.shape)")
        var mean = [Double](repeating: 0, count: f)
        for row in 0..<n { for j in 0..<f { mean[j] += Double(data.storage[row * f + j]) } }
        let centre = mean.map { Float($0 / Double(n)) }
        var centred = data.storage
        for row in 0..<n { for j in 0..<f { centred[row * f + j] -= centre[j] } }

        let width = min(count + 10, n, f)
        var basis = random.normals(width * f)
        orthonormalizeRows(&basis, rows: width, columns: f)
        var projected = [Float](repeating: 0, count: n * width)
        for _ in 0..<iterations {
            sgemm(transposeB: true, m: n, n: width, k: f, a: centred, b: basis, c: &projected)
            sgemm(transposeA: true, m: width, n: f, k: n, a: projected, b: centred, c: &basis)
            orthonormalizeRows(&basis, rows: width, columns: f)
        }
        sgemm(transposeB: true, m: n, n: width, k: f, a: centred, b: basis, c: &projected)
        var gram = [[Double]](repeating: [Double](repeating: 0, count: width), count: width)
        for row in 0..<n {
            for i in 0..<width {
                let a = Double(projected[row * width + i])
                for j in i..<width { gram[i][j] += a * Double(projected[row * width + j]) }
            }
        }
        let ritz = SymmetricEigen(gram.map { $0.map { $0 / Double(n) } })
        var axes = [Float](repeating: 0, count: count * f)
        for axis in 0..<count {
            for (i, weight) in ritz.vectors[axis].enumerated() where weight != 0 {
                for j in 0..<f { axes[axis * f + j] += Float(weight) * basis[i * f + j] }
            }
        }
        self.mean = centre
        self.axes = Tensor(shape: [count, f], storage: axes)
        self.variances = Array(ritz.values.prefix(count))
    }

    /// The coordinates `[N, k]` of each row of `data` `[N, F]` along the axes: (row − mean) · axes.
    public func coordinates(_ data: Tensor) -> Tensor {
        let (n, f, k) = (data.shape[0], data.shape[1], axes.shape[0])
        precondition(f == mean.count, "coordinates: rows of \(f) values, the components have \(mean.count)")
        var centred = data.storage
        for row in 0..<n { for j in 0..<f { centred[row * f + j] -= mean[j] } }
        var out = [Float](repeating: 0, count: n * k)
        orderedSgemm(transposeB: true, m: n, n: k, k: f, a: centred, b: axes.storage, c: &out)
        return Tensor(shape: [n, k], storage: out)
    }
}

/// Orthonormalises the `rows` rows of the row-major `matrix` in order by modified Gram–Schmidt in double
/// precision, applied twice; a row (almost) in the span of the earlier ones becomes zero.
func orthonormalizeRows(_ matrix: inout [Float], rows: Int, columns: Int) {
    var done = [[Double]]()
    for row in 0..<rows {
        var v = matrix[(row * columns)..<((row + 1) * columns)].map(Double.init)
        let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<2 {
            for u in done where !u.isEmpty {
                var dot = 0.0
                for j in 0..<columns { dot += v[j] * u[j] }
                for j in 0..<columns { v[j] -= dot * u[j] }
            }
        }
        let remainder = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let unit = length > 0 && remainder > 1e-10 * length ? v.map { $0 / remainder } : []
        done.append(unit)
        for j in 0..<columns { matrix[row * columns + j] = unit.isEmpty ? 0 : Float(unit[j]) }
    }
}
