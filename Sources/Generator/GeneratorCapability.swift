import NumericCore

/// What a generator can do beyond drawing latents and rendering, for the commands that need more.
public enum GeneratorCapability: String, Sendable, CaseIterable {
    /// Backpropagation from an image objective to the latents (`latentGradient`): the image oracle, the learned
    /// manifolds.
    case latentGradient = "gradients to the latents"
    /// Reading blocks' activations (`BlockActivationsGenerator`): TCA, GANSpace in z space.
    case blockActivations = "block activations"
    /// The weight of the linear map that first acts on the latents (`LatentWeightGenerator`): SeFa.
    case latentWeight = "the weight that first acts on the latents"
}

/// A generator that can give the weight of the linear map(s) that first act on its latents: SeFa factorises it.
public protocol LatentWeightGenerator: LatentGenerator {
    /// The weight `[D, K]`: row j holds what latent coordinate j feeds into each of the K outputs of the first
    /// linear map (the embedded DCGAN: its first transposed convolution, `[100, 512·4·4]`; a StyleGAN: every
    /// layer's style affine, side by side).
    func latentWeight() throws -> Tensor
}

extension LatentGenerator {
    /// Backpropagates `copies` image gradients per latent: `imageGradients` gets the images `[N, C, H, W]` once
    /// and returns ∂f_c/∂images for every function c, copy after copy (`[copies·N, C, H, W]`); returns ∂f_c/∂z
    /// stacked the same way, `[copies·N, D]`. Here one `latentGradient` per copy; the embedded DCGAN does them all
    /// in one forward pass.
    public func latentGradients(_ latents: Tensor, copies: Int, imageGradients: (Tensor) -> Tensor) throws -> Tensor {
        precondition(copies >= 1, "latentGradients: \(copies) copies")
        let n = latents.shape[0]
        var stacked: Tensor? = nil
        var parts = [Tensor]()
        for copy in 0..<copies {
            parts.append(try latentGradient(latents) { images in
                if stacked == nil { stacked = imageGradients(images) }
                return stacked!.rows((copy * n)..<((copy + 1) * n))
            })
        }
        return copies == 1 ? parts[0] : Tensor(concatenatingRows: parts)
    }
}
