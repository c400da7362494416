import Generator
import NumericCore

/// GANSpace's candidate directions for `generator`: `sampleCount` latents drawn from the prior with `random`,
/// the principal components of their first-block activations (for the embedded DCGAN the 512 × 4 × 4 output
/// of the first transposed convolution, batch norm and ReLU; for a worker, its block 1), the leading `count` of
/// them carried back to latent space by `regressLatentDirections`. Throws if the generator cannot run.
public func ganSpaceDirections(generator: any LatentGenerator, sampleCount: Int, count: Int,
                               random: inout RandomSource) throws -> [LatentDirection] {
    let latents = try generator.drawPrior(count: sampleCount, random: &random)
    var activations = [Float]()
    var width = 0
    for start in stride(from: 0, to: sampleCount, by: renderBatchSize) {
        let batch = latents.rows(start..<min(start + renderBatchSize, sampleCount))
        let block: Tensor
        if let dcgan = generator as? DCGANGenerator {
            block = try dcgan.forward(batch).blocks[0]
        } else if let blocks = generator as? any BlockActivationsGenerator, generator.offers(.blockActivations) {
            block = try blocks.discoveryActivations(batch, block: 1)
        } else {
            throw GeneratorError.missingCapability(.blockActivations, identifier: generator.identifier, purpose: "GANSpace")
        }
        width = block.count / block.shape[0]
        activations += block.storage
    }
    let data = Tensor(shape: [sampleCount, width], storage: activations)
    let components = PrincipalComponents(of: data, count: count, random: &random)
    return regressLatentDirections(latents: latents, coordinates: components.coordinates(data))
}

/// GANSpace where the latents are themselves the features, as its authors use it on StyleGAN's W: the
/// principal axes of `sampleCount` latents drawn from the prior (mapped), the leading `count` (at most D), named "PC1", ….
public func ganSpaceAxes(generator: any LatentGenerator, sampleCount: Int, count: Int,
                         random: inout RandomSource) throws -> [LatentDirection] {
    let latents = try generator.drawPrior(count: sampleCount, random: &random)
    let d = latents.shape[1], kept = min(count, d, sampleCount)
    let components = PrincipalComponents(of: latents, count: kept, random: &random)
    return (0..<kept).map { c in
        LatentDirection(name: "PC\(c + 1)", vector: components.axes.storage[(c * d)..<((c + 1) * d)].map(Double.init))
    }
}
