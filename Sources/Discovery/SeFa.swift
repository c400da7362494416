import Kernels
import NumericCore

/// SeFa's candidate directions: the eigenvectors of AᵀA with the `count` largest eigenvalues, largest first,
/// named "EV1", "EV2", …, where A `[outputs, D]` is the first layer's weight seen as a linear map from the
/// latent. `weight` is that layer's weight with the latent dimension first (`[D, …]`, e.g. a transposed
/// convolution's `[D, channels, 4, 4]`), so AᵀA = W Wᵀ for W the weight reshaped to `[D, outputs]`.
public func sefaDirections(firstLayerWeight weight: Tensor, count: Int) -> [LatentDirection] {
    let d = weight.shape[0]
    let outputs = weight.count / d
    precondition(count >= 1 && count <= d, "sefaDirections: \(count) of \(d) eigenvectors")
    var product = [Float](repeating: 0, count: d * d)
    sgemm(transposeB: true, m: d, n: d, k: outputs, a: weight.storage, b: weight.storage, c: &product)
    let eigen = SymmetricEigen((0..<d).map { i in (0..<d).map { Double(product[i * d + $0]) } })
    return (0..<count).map { LatentDirection(name: "EV\($0 + 1)", vector: eigen.vectors[$0]) }
}
