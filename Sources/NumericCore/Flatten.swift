/// Flattens every sample of a batch: `[batch, d₁, d₂, …]` → `[batch, d₁·d₂·…]`; the backward pass restores the
/// shape. No arithmetic, so its gradient is exact.
public struct Flatten: Layer {
    /// A flattening layer.
    public init() {}

    /// The same elements as `[batch, features]`.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank >= 1, "Flatten: input needs a batch axis")
        return input.reshaped([input.shape[0], input.count / max(1, input.shape[0])])
    }

    /// The output gradient in the input's shape.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        LayerGradients(input: dy.reshaped(input.shape))
    }
}
