import Generator
import NumericCore

/// GANSpace's candidate directions for `generator`: `sampleCount` latents drawn from the prior with `random`,
/// the principal components of their first-block activations (the 512 × 4 × 4 output of the first
/// transposed convolution, batch norm and ReLU), the leading `count` of them carried back to latent space by
/// `regressLatentDirections`. Throws if the generator cannot run.
public func ganSpaceDirections(generator: DCGANGenerator, sampleCount: Int, count: Int,
                               random: inout RandomSource) throws -> [LatentDirection] {
    let latents = generator.samplePrior(count: sampleCount, random: &random)
    var activations = [Float]()
    var width = 0
    for start in stride(from: 0, to: sampleCount, by: 64) {
        let block = try generator.forward(latents.rows(start..<min(start + 64, sampleCount))).blocks[0]
        width = block.count / block.shape[0]
        activations += block.storage
    }
    let data = Tensor(shape: [sampleCount, width], storage: activations)
    let components = PrincipalComponents(of: data, count: count, random: &random)
    return regressLatentDirections(latents: latents, coordinates: components.coordinates(data))
}
