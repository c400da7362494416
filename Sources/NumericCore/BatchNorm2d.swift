import Kernels

/// Batch normalisation of `[batch, channels, H, W]` in its inference form: the stored running mean and
/// variance normalise each channel, then the learned scale and shift apply. Optionally fused with a ReLU.
public struct BatchNorm2d: Layer {
    /// Scale (γ) and shift (β), each `[channels]`.
    public var parameters: [Tensor]
    /// Running mean `[channels]`.
    public let runningMean: [Float]
    /// Running variance `[channels]`.
    public let runningVariance: [Float]
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// A layer with the given γ, β, running statistics and epsilon (PyTorch's default 1e-5).
    public init(scale: Tensor, shift: Tensor, runningMean: [Float], runningVariance: [Float], epsilon: Float = 1e-5) {
        let c = scale.count
        precondition(shift.count == c && runningMean.count == c && runningVariance.count == c,
                     "BatchNorm2d: all per-channel tensors need \(c) elements")
        parameters = [scale, shift]
        self.runningMean = runningMean
        self.runningVariance = runningVariance
        self.epsilon = epsilon
    }

    /// Channels.
    public var channels: Int { runningMean.count }

    /// The per-channel multiplier γ/√(var+ε) and offset β - mean·multiplier of the whole transform.
    public var affine: (scale: [Float], shift: [Float]) {
        var scale = [Float](repeating: 0, count: channels)
        var shift = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            scale[c] = parameters[0].storage[c] / (runningVariance[c] + epsilon).squareRoot()
            shift[c] = parameters[1].storage[c] - runningMean[c] * scale[c]
        }
        return (scale, shift)
    }

    /// The normalised input.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == channels, "BatchNorm2d: input \(input.shape)")
        var out = input.storage
        let (scale, shift) = affine
        channelAffine(&out, batch: input.shape[0], channels: channels, inner: input.shape[2] * input.shape[3],
                      scale: scale, shift: shift)
        return Tensor(shape: input.shape, storage: out)
    }

    /// dx = dy·γ/√(var+ε).
    public func inputGradient(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> Tensor {
        var dx = dy.storage
        channelAffine(&dx, batch: input.shape[0], channels: channels, inner: input.shape[2] * input.shape[3],
                      scale: affine.scale, shift: [Float](repeating: 0, count: channels))
        return Tensor(shape: input.shape, storage: dx)
    }

    /// dx = dy·γ/√(var+ε); dγ = Σ dy·x̂; dβ = Σ dy.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        let (batch, inner) = (input.shape[0], input.shape[2] * input.shape[3])
        let dx = inputGradient(input: input, output: output, outputGradient: dy)
        let dShift = channelSums(dy.storage, batch: batch, channels: channels, inner: inner)
        let dyDotX = channelDotProducts(dy.storage, input.storage, batch: batch, channels: channels, inner: inner)
        var dScale = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            let invStd = 1 / (runningVariance[c] + epsilon).squareRoot()
            dScale[c] = (dyDotX[c] - runningMean[c] * dShift[c]) * invStd
        }
        return LayerGradients(input: dx,
                              parameters: [Tensor(shape: [channels], storage: dScale),
                                           Tensor(shape: [channels], storage: dShift)])
    }
}
