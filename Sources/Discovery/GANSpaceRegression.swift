import NumericCore

/// GANSpace's transfer of principal components to latent space: the matrix U `[D, k]` that best predicts the
/// latents from their principal coordinates, argmin_U Σ_j ‖U x_j − z_j‖² = Zᵀ X (Xᵀ X)⁺ for latents `[N, D]` and
/// coordinates `[N, k]`; column c of U is the latent direction of component c, returned as unit vectors named
/// "PC1", "PC2", …. (With white latents and uncorrelated coordinates this is also, up to length, the
/// regression of each coordinate on the latents.) A column that comes out zero is an error of the caller.
public func regressLatentDirections(latents: Tensor, coordinates: Tensor) -> [LatentDirection] {
    let (n, d, k) = (latents.shape[0], latents.shape[1], coordinates.shape[1])
    precondition(coordinates.shape[0] == n, "regressLatentDirections: \(n) latents, \(coordinates.shape[0]) coordinate rows")
    var crossed = [[Double]](repeating: [Double](repeating: 0, count: k), count: d)
    var gram = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for row in 0..<n {
        let x = coordinates.storage[(row * k)..<((row + 1) * k)].map(Double.init)
        for i in 0..<d {
            let z = Double(latents.storage[row * d + i])
            for c in 0..<k { crossed[i][c] += z * x[c] }
        }
        for a in 0..<k { for b in a..<k { gram[a][b] += x[a] * x[b] } }
    }
    let inverse = pseudoInverse(SymmetricEigen(gram))
    return (0..<k).map { c in
        LatentDirection(name: "PC\(c + 1)", vector: (0..<d).map { i in (0..<k).reduce(0) { $0 + crossed[i][$1] * inverse[$1][c] } })
    }
}

/// The pseudo-inverse of a symmetric positive semi-definite matrix from its eigendecomposition: eigenvalues at
/// most 1e-12 of the largest count as zero.
func pseudoInverse(_ eigen: SymmetricEigen) -> [[Double]] {
    let n = eigen.values.count
    let floor = 1e-12 * (eigen.values.first ?? 0)
    var out = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for (value, vector) in zip(eigen.values, eigen.vectors) where value > floor {
        for a in 0..<n { for b in 0..<n { out[a][b] += vector[a] * vector[b] / value } }
    }
    return out
}
