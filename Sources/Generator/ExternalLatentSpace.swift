import NumericCore

/// The latent space of a generator that does not run here (StyleGAN codes brought as .npy, or a generator
/// served by a worker that is not running now): it knows its dimension, its identity and a diagonal Gaussian
/// prior fitted to the latents it came with, and it cannot render.
public struct ExternalLatentSpace: LatentGenerator {
    /// "external" for latents brought as files; a worker's generator keeps its own name.
    public var identifier = "external"
    /// The weights' digest when the generator's identity is known (a worker's), else none.
    public var checkpointSHA256: String? = nil
    /// The latent dimension.
    public let latentDimension: Int
    /// Never.
    public let canRender = false
    /// None.
    public let imageShape: [Int]? = nil
    /// Per-channel mean of the prior.
    public let mean: [Float]
    /// Per-channel standard deviation of the prior.
    public let standardDeviation: [Float]

    /// A latent space with a standard normal prior in `dimension` dimensions.
    public init(dimension: Int) {
        self.init(mean: [Float](repeating: 0, count: dimension),
                  standardDeviation: [Float](repeating: 1, count: dimension))
    }

    /// A latent space with a diagonal Gaussian prior of the given per-channel mean and deviation.
    public init(mean: [Float], standardDeviation: [Float]) {
        precondition(mean.count == standardDeviation.count, "mean and deviation counts differ")
        latentDimension = mean.count
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// A latent space whose prior is fitted, channel by channel, to `latents` `[N, D]`.
    public init(fittedTo latents: Tensor) {
        let (mean, deviation) = latents.columnMeanAndDeviation()
        self.init(mean: mean, standardDeviation: deviation)
    }

    /// The latent space of the generator `identifier` (weights `checkpointSHA256`), which does not run here,
    /// with its prior fitted to `latents`.
    public init(fittedTo latents: Tensor, identifier: String, checkpointSHA256: String?) {
        self.init(fittedTo: latents)
        self.identifier = identifier
        self.checkpointSHA256 = checkpointSHA256
    }

    /// Draws from the diagonal Gaussian prior.
    public func samplePrior(count: Int, random: inout RandomSource) -> Tensor {
        var values = random.normals(count * latentDimension)
        for i in values.indices {
            let j = i % latentDimension
            values[i] = mean[j] + standardDeviation[j] * values[i]
        }
        return Tensor(shape: [count, latentDimension], storage: values)
    }

    /// Throws `cannotRender`.
    public func render(_ latents: Tensor) throws -> Tensor {
        throw GeneratorError.cannotRender(identifier: identifier)
    }

    /// Throws `cannotRender`.
    public func latentGradient(_ latents: Tensor, imageGradient: (Tensor) -> Tensor) throws -> Tensor {
        throw GeneratorError.cannotRender(identifier: identifier)
    }
}
