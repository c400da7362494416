/// A chain of layers applied in order, with a backward pass through all of them.
public struct Sequential: Sendable {
    /// The layers, first applied first.
    public var layers: [any Layer]

    /// A chain of `layers`.
    public init(_ layers: [any Layer]) { self.layers = layers }

    /// The output of the chain.
    public func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { $1.forward($0) }
    }

    /// The input followed by every layer's output, for a later `backward`.
    public func activations(_ input: Tensor) -> [Tensor] {
        var result = [input]
        for layer in layers { result.append(layer.forward(result[result.count - 1])) }
        return result
    }

    /// Gradients through the chain for ∂L/∂output, given the `activations` of the forward pass:
    /// ∂L/∂input and, per layer, the parameter gradients.
    public func backward(activations: [Tensor], outputGradient: Tensor) -> (input: Tensor, parameters: [[Tensor]]) {
        let result = backPropagate(activations: activations, outputGradient: outputGradient, toInput: true)
        return (result.input!, result.parameters)
    }

    /// Every layer's parameter gradients for ∂L/∂output, given the `activations` of the forward pass, without
    /// the gradient with respect to the network's input (what training needs).
    public func parameterGradients(activations: [Tensor], outputGradient: Tensor) -> [[Tensor]] {
        backPropagate(activations: activations, outputGradient: outputGradient, toInput: false).parameters
    }

    /// The backward pass through every layer; the first layer's input gradient only when `toInput`.
    private func backPropagate(activations: [Tensor], outputGradient: Tensor,
                               toInput: Bool) -> (input: Tensor?, parameters: [[Tensor]]) {
        precondition(activations.count == layers.count + 1, "Sequential's backward pass needs every activation")
        var gradient: Tensor? = outputGradient
        var parameterGradients = [[Tensor]](repeating: [], count: layers.count)
        for index in layers.indices.reversed() {
            let (input, output) = (activations[index], activations[index + 1])
            if index == 0 && !toInput {
                parameterGradients[0] = layers[0].parameterGradients(input: input, output: output, outputGradient: gradient!)
                gradient = nil
            } else {
                let result = layers[index].backward(input: input, output: output, outputGradient: gradient!)
                parameterGradients[index] = result.parameters
                gradient = result.input
            }
        }
        return (gradient, parameterGradients)
    }

    /// ∂L/∂input alone for ∂L/∂output, given the `activations` of the forward pass.
    public func inputGradient(activations: [Tensor], outputGradient: Tensor) -> Tensor {
        precondition(activations.count == layers.count + 1, "Sequential.inputGradient needs every activation")
        var gradient = outputGradient
        for index in layers.indices.reversed() {
            gradient = layers[index].inputGradient(input: activations[index], output: activations[index + 1],
                                                   outputGradient: gradient)
        }
        return gradient
    }

    /// Every layer's parameters, flattened in layer order.
    public var parameters: [Tensor] {
        get { layers.flatMap { $0.parameters } }
        set {
            var offset = 0
            for index in layers.indices {
                let count = layers[index].parameters.count
                layers[index].parameters = Array(newValue[offset..<(offset + count)])
                offset += count
            }
        }
    }
}
