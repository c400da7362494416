import Kernels

/// A fully connected layer `y = x·Wᵀ + b` on `[batch, inputs]`, with PyTorch's weight layout
/// `[outputs, inputs]`.
public struct Linear: Layer {
    /// Weight `[outputs, inputs]` and bias `[outputs]`.
    public var parameters: [Tensor]
    /// Input features.
    public var inputs: Int { parameters[0].shape[1] }
    /// Output features.
    public var outputs: Int { parameters[0].shape[0] }

    /// A layer with the given weight `[outputs, inputs]` and bias `[outputs]`.
    public init(weight: Tensor, bias: Tensor) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]], "Linear: weight/bias shapes")
        parameters = [weight, bias]
    }

    /// A layer initialised as PyTorch does: weight and bias uniform in ±1/√inputs.
    public init(inputs: Int, outputs: Int, random: inout RandomSource) {
        let bound = 1 / Float(inputs).squareRoot()
        let weight = Tensor(shape: [outputs, inputs],
                            storage: (0..<(outputs * inputs)).map { _ in random.uniform(-bound, bound) })
        let bias = Tensor(shape: [outputs], storage: (0..<outputs).map { _ in random.uniform(-bound, bound) })
        self.init(weight: weight, bias: bias)
    }

    /// `x·Wᵀ + b` for `x` of shape `[batch, inputs]`.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2 && input.shape[1] == inputs, "Linear: input \(input.shape), expected [*, \(inputs)]")
        let batch = input.shape[0]
        var out = [Float](repeating: 0, count: batch * outputs)
        let bias = parameters[1].storage
        for row in 0..<batch {
            for j in 0..<outputs { out[row * outputs + j] = bias[j] }
        }
        orderedSgemm(transposeB: true, m: batch, n: outputs, k: inputs,
                     a: input.storage, b: parameters[0].storage, accumulate: true, c: &out)
        return Tensor(shape: [batch, outputs], storage: out)
    }

    /// ∂L/∂x = dy·W.
    public func inputGradient(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> Tensor {
        var dx = [Float](repeating: 0, count: input.shape[0] * inputs)
        orderedSgemm(m: input.shape[0], n: inputs, k: outputs, a: dy.storage, b: parameters[0].storage, c: &dx)
        return Tensor(shape: input.shape, storage: dx)
    }

    /// ∂L/∂W = dyᵀ·x and ∂L/∂b = Σ dy.
    public func parameterGradients(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> [Tensor] {
        let batch = input.shape[0]
        var dw = [Float](repeating: 0, count: outputs * inputs)
        sgemm(transposeA: true, m: outputs, n: inputs, k: batch, a: dy.storage, b: input.storage, c: &dw)
        var db = [Float](repeating: 0, count: outputs)
        for row in 0..<batch {
            for j in 0..<outputs { db[j] += dy.storage[row * outputs + j] }
        }
        return [Tensor(shape: [outputs, inputs], storage: dw), Tensor(shape: [outputs], storage: db)]
    }

    /// ∂L/∂x = dy·W, ∂L/∂W = dyᵀ·x, ∂L/∂b = Σ dy.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        LayerGradients(input: inputGradient(input: input, output: output, outputGradient: dy),
                       parameters: parameterGradients(input: input, output: output, outputGradient: dy))
    }
}
