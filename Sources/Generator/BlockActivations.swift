import Kernels
import NumericCore

extension DCGANGenerator {
    /// The number of batch-norm blocks whose activations `blockActivations` exposes (4 for the embedded one).
    public var blockCount: Int { norms.count }

    /// The shape `[channels, height, width]` of block `block`'s activations (1-based: block 1 is 512 × 4 × 4
    /// and block 2 256 × 8 × 8 for the embedded generator).
    public func blockShape(_ block: Int) -> [Int] {
        precondition((1...blockCount).contains(block), "block \(block) of \(blockCount)")
        let side = 4 << (block - 1)
        return [convolutions[block - 1].outChannels, side, side]
    }

    /// The activations `[N, C, H, W]` of block `block` (1-based) for `latents` `[N, D]`: the block's transposed
    /// convolution and inference-mode batch norm, followed by its ReLU unless `beforeReLU`. Block 1 before its
    /// ReLU is an affine function of z. Only the blocks up to `block` run; the batch runs in slices side by side.
    public func blockActivations(_ latents: Tensor, block: Int, beforeReLU: Bool) throws -> Tensor {
        guard (1...blockCount).contains(block) else { throw GeneratorError.noSuchBlock(block, count: blockCount) }
        try checkShape(latents)
        let count = latents.shape[0]
        let slices = rowSlices(count: count, rows: Self.latentsPerSlice)
        let blocks = inParallel(parts: slices.count) { part -> Tensor in
            let rows = latents.rows(slices[part])
            var x = rows.reshaped([rows.shape[0], latentDimension, 1, 1])
            for layer in 0..<block {
                let (scale, shift) = norms[layer].affine
                x = convolutions[layer].forward(x, epilogue: .affine(scale: scale, shift: shift,
                                                                     relu: !(beforeReLU && layer == block - 1)))
            }
            return x
        }
        return blocks.count == 1 ? blocks[0] : Tensor(concatenatingRows: blocks)
    }
}

extension DCGANGenerator: BlockActivationsGenerator {
    /// Before the ReLU.
    public var activationPoint: String { "before the block's ReLU" }

    /// Block `block`'s activations before its ReLU: what TCA decomposes.
    public func discoveryActivations(_ latents: Tensor, block: Int) throws -> Tensor {
        try blockActivations(latents, block: block, beforeReLU: true)
    }
}
