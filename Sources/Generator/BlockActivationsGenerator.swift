import NumericCore

/// A generator whose intermediate blocks can be read: TCA decomposes a block's activations, GANSpace takes
/// their principal components. The embedded DCGAN and workers that offer `activations` conform.
public protocol BlockActivationsGenerator: LatentGenerator {
    /// The number of blocks that can be read (numbered from 1).
    var blockCount: Int { get }
    /// The shape `[channels, height, width]` of block `block`'s activations (1-based).
    func blockShape(_ block: Int) -> [Int]
    /// The activations `[N, C, H, W]` of block `block` (1-based) for latents `[N, D]`, as the generator defines
    /// the block's output for discovery (the embedded DCGAN: before the block's ReLU).
    func discoveryActivations(_ latents: Tensor, block: Int) throws -> Tensor
    /// Where in a block `discoveryActivations` reads, in words ("before the block's ReLU").
    var activationPoint: String { get }
}
