import Generator
import Manifolds
import NumericCore

/// A DCGAN with the embedded one's architecture (five 4×4 transposed convolutions to 64×64, batch norm, ReLU,
/// tanh) but a 3-d latent and 2–4 channels, with random weights: small enough for finite differences.
func tinyGenerator(latentDimension d: Int = 3, seed: UInt64 = 40) throws -> DCGANGenerator {
    var random = RandomSource(seed: seed)
    let channels = [d, 4, 4, 3, 2, 3]
    var tensors = [String: Tensor]()
    for (layer, index) in [0, 3, 6, 9, 12].enumerated() {
        let (cin, cout) = (channels[layer], channels[layer + 1])
        let scale: Float = layer == 0 ? 0.8 : 0.35
        tensors["main.\(index).weight"] = Tensor(shape: [cin, cout, 4, 4],
                                                 storage: random.normals(cin * cout * 16).map { $0 * scale })
        if layer < 4 {
            let n = index + 1
            tensors["main.\(n).weight"] = Tensor(shape: [cout], storage: (0..<cout).map { _ in random.uniform(0.8, 1.2) })
            tensors["main.\(n).bias"] = Tensor(shape: [cout], storage: (0..<cout).map { _ in random.uniform(0, 0.3) })
            tensors["main.\(n).running_mean"] = Tensor(shape: [cout], storage: (0..<cout).map { _ in random.uniform(-0.1, 0.1) })
            tensors["main.\(n).running_var"] = Tensor(shape: [cout], storage: (0..<cout).map { _ in random.uniform(0.8, 1.2) })
        }
    }
    return try DCGANGenerator(tensors: tensors, identifier: "tiny-test", checkpointSHA256: nil, source: "<tiny>")
}

/// A small configuration for tests on the tiny generator.
func tinyConfiguration(_ transform: TransformKind = .linear, centroid: CentroidLossKind = .ge2e,
                       steps: Int = 4) -> ManifoldConfiguration {
    var c = ManifoldConfiguration.standard
    c.directions = 3
    c.transform = transform
    c.hidden = 5
    c.centroidLoss = centroid
    c.steps = steps
    c.batch = 6
    c.width = 2
    c.embedding = 6
    c.seed = 3
    return c
}
