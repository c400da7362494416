import Generator

/// Which baselines a generator allows: all of them on the embedded DCGAN; on a worker, those whose ingredient it
/// offers, the others left out with a line saying why.
struct BaselinePlan {
    /// How GANSpace finds its components.
    enum GANSpaceKind {
        /// PCA of block 1's activations, carried back to the latents by regression (the DCGAN, a worker in z).
        case blockActivations
        /// PCA of the latents themselves (a style-based generator's W, as GANSpace's authors use it).
        case latentAxes
    }

    /// GANSpace's kind, or nil when it is left out.
    let ganSpace: GANSpaceKind?
    /// The generator SeFa factorises, or nil when it is left out.
    let sefa: (any LatentWeightGenerator)?
    /// Whether TCA runs (it reads block activations).
    let tca: Bool
    /// Whether the image oracle runs (it backpropagates to the latents).
    let imageOracle: Bool
    /// Whether this is the embedded generator, on which every baseline runs as the report describes.
    let isEmbedded: Bool
    /// One line per baseline left out or changed, for the log and the report.
    let notes: [String]

    init(_ generator: any LatentGenerator) {
        isEmbedded = generator is DCGANGenerator
        var notes = [String]()
        if generator.mapsPrior {
            ganSpace = .latentAxes
            notes.append("GANSpace: principal axes of the mapped latents (w), as GANSpace does for StyleGAN")
        } else if generator.offers(.blockActivations) {
            ganSpace = .blockActivations
            if !isEmbedded { notes.append("GANSpace: principal components of the worker's block 1, carried back by regression") }
        } else {
            ganSpace = nil
            notes.append("GANSpace: left out (the generator offers no block activations)")
        }
        if generator.offers(.latentWeight), let weighted = generator as? any LatentWeightGenerator {
            sefa = weighted
            if !isEmbedded { notes.append("SeFa: eigenvectors of AᵀA for the weight A the worker gives as first acting on the latents") }
        } else {
            sefa = nil
            notes.append("SeFa: left out (the generator gives no weight that first acts on the latents)")
        }
        tca = generator.offers(.blockActivations) && generator is any BlockActivationsGenerator
        if !tca { notes.append("TCA: left out (the generator offers no block activations)") }
        imageOracle = generator.offers(.latentGradient)
        if !imageOracle { notes.append("image oracle: left out (the generator offers no gradients to the latents)") }
        self.notes = notes
    }
}
