import NumericCore

/// A generator as the rest of the workbench sees it: a latent space with a prior, and, when the images
/// can be made here, rendering and backpropagation from an image-space objective to the latents.
///
/// Generators whose images are made elsewhere (latent codes brought as .npy) conform too, with
/// `canRender == false`; callers ask before rendering.
public protocol LatentGenerator: Sendable {
    /// A stable name for provenance, e.g. "dcgan-digiface-64", or "external".
    var identifier: String { get }
    /// The SHA-256 of the weights file in lowercase hex, or nil when there is none.
    var checkpointSHA256: String? { get }
    /// The latent dimension D.
    var latentDimension: Int { get }
    /// Whether `render` and `latentGradient` work here.
    var canRender: Bool { get }
    /// The shape of one image `[channels, height, width]`, values in [-1, 1]; nil if it cannot render.
    var imageShape: [Int]? { get }
    /// `count` draws `[count, priorDimension]` from the prior; ``latents(fromPrior:)`` turns them into latents.
    func samplePrior(count: Int, random: inout RandomSource) -> Tensor
    /// The dimension of the prior's draws: D, unless the generator maps them into another space (StyleGAN's W).
    var priorDimension: Int { get }
    /// The latents `[N, D]` of prior draws `z`: z itself, or its image under the generator's mapping (w).
    func latents(fromPrior z: Tensor) throws -> Tensor
    /// Images `[N, channels, height, width]` in [-1, 1] for latents `[N, D]`.
    func render(_ latents: Tensor) throws -> Tensor
    /// ∂f/∂latents `[N, D]` for a function f of the images, given `imageGradient`, which receives the
    /// rendered images and returns ∂f/∂images. Each sample's gradient only depends on its own image.
    func latentGradient(_ latents: Tensor, imageGradient: (Tensor) -> Tensor) throws -> Tensor
    /// `copies` image gradients per latent backpropagated at once (see the default in `GeneratorCapability.swift`).
    func latentGradients(_ latents: Tensor, copies: Int, imageGradients: (Tensor) -> Tensor) throws -> Tensor
    /// Whether the generator can do `capability` here.
    func offers(_ capability: GeneratorCapability) -> Bool
    /// Whether latents are the prior's draws mapped by the generator (StyleGAN's w), not the draws themselves.
    var mapsPrior: Bool { get }
}

/// A request a generator cannot serve (a problem with its checkpoint file is a `FileError`).
public enum GeneratorError: Error, CustomStringConvertible, Equatable {
    /// The generator's images are made elsewhere.
    case cannotRender(identifier: String)
    /// A latent batch of the wrong shape.
    case latentShape(expected: Int, got: [Int])
    /// Latent row `row` rendered to NaN or infinity (its values are far outside the prior's range).
    case nonFiniteImage(row: Int)
    /// A block number outside 1...count.
    case noSuchBlock(Int, count: Int)
    /// Fewer than `wanted` of `drawn` latents drawn from the prior met `condition`.
    case tooFewLatents(wanted: Int, drawn: Int, condition: String)
    /// The generator cannot do what `purpose` needs.
    case missingCapability(GeneratorCapability, identifier: String, purpose: String)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .cannotRender(let identifier):
            return "generator '\(identifier)' cannot render images here (its latents came from elsewhere)"
        case .latentShape(let expected, let got):
            return "latents must have shape [N, \(expected)], got \(got)"
        case .nonFiniteImage(let row):
            return "latent \(row) renders to NaN or infinity: its values are far outside the prior's N(0, 1) range"
        case .noSuchBlock(let block, let count):
            return "the generator has blocks 1 to \(count), not \(block)"
        case .tooFewLatents(let wanted, let drawn, let condition):
            return "fewer than \(wanted) of \(drawn) drawn latents are \(condition)"
        case .missingCapability(let capability, let identifier, let purpose):
            return "generator '\(identifier)' offers no \(capability.rawValue), which \(purpose) needs"
        }
    }
}

extension LatentGenerator {
    /// Nothing beyond rendering, unless the generator says otherwise.
    public func offers(_ capability: GeneratorCapability) -> Bool { false }
    /// The draws are the latents.
    public var mapsPrior: Bool { false }

    /// D: the prior is drawn in the latent space itself.
    public var priorDimension: Int { latentDimension }
    /// The draws themselves.
    public func latents(fromPrior z: Tensor) throws -> Tensor { z }
    /// `count` latents `[count, D]` from the prior: drawn, then mapped if the generator maps.
    public func drawPrior(count: Int, random: inout RandomSource) throws -> Tensor {
        try latents(fromPrior: samplePrior(count: count, random: &random))
    }
}

/// A style-based generator whose synthesis takes one latent per layer (StyleGAN's W+): an edit can then write
/// only some layers.
public protocol StyleLayeredGenerator: LatentGenerator {
    /// L, the number of layers a W+ code has.
    var styleLayers: Int { get }
    /// Images `[N, C, H, W]` for W+ codes `[N, L, D]`.
    func render(styleCodes: Tensor) throws -> Tensor
}
