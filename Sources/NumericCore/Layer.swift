/// The gradients a layer's backward pass returns: with respect to its input and to each of its parameters
/// (in the order of `Layer.parameters`).
public struct LayerGradients: Sendable {
    /// ∂L/∂input, shaped like the input.
    public var input: Tensor
    /// ∂L/∂parameter for each parameter, shaped like it.
    public var parameters: [Tensor]

    /// Bundles the input gradient and the parameter gradients.
    public init(input: Tensor, parameters: [Tensor] = []) {
        self.input = input
        self.parameters = parameters
    }
}

/// A differentiable layer: a pure forward pass and a backward pass that, given the forward's input and
/// output and the gradient of a loss with respect to the output, returns the gradients with respect to the
/// input and the parameters.
public protocol Layer: Sendable {
    /// The trainable tensors, in a fixed order.
    var parameters: [Tensor] { get set }
    /// The output for `input`.
    func forward(_ input: Tensor) -> Tensor
    /// The gradients for `outputGradient` = ∂L/∂output at the given input and output.
    func backward(input: Tensor, output: Tensor, outputGradient: Tensor) -> LayerGradients
    /// ∂L/∂input alone, for callers that need no parameter gradients.
    func inputGradient(input: Tensor, output: Tensor, outputGradient: Tensor) -> Tensor
    /// ∂L/∂parameters alone, for the first layer of a network being trained (its input needs no gradient).
    func parameterGradients(input: Tensor, output: Tensor, outputGradient: Tensor) -> [Tensor]
}

extension Layer {
    /// The parameter part of `backward`; layers override it where skipping the input gradient saves work.
    public func parameterGradients(input: Tensor, output: Tensor, outputGradient: Tensor) -> [Tensor] {
        backward(input: input, output: output, outputGradient: outputGradient).parameters
    }

    /// The input part of `backward`; layers override it where skipping the parameter gradients saves work.
    public func inputGradient(input: Tensor, output: Tensor, outputGradient: Tensor) -> Tensor {
        backward(input: input, output: output, outputGradient: outputGradient).input
    }

    /// No trainable tensors by default.
    public var parameters: [Tensor] {
        get { [] }
        set { precondition(newValue.isEmpty, "\(Self.self) has no parameters") }
    }
}
