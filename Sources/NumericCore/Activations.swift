import Kernels

/// An element-wise activation whose derivative can be written from its input and output.
public protocol ElementwiseActivation: Layer {
    /// f(x).
    func value(_ x: Float) -> Float
    /// f'(x), given x and y = f(x).
    func derivative(_ x: Float, _ y: Float) -> Float
}

extension ElementwiseActivation {
    /// Applies `value` to every element.
    public func forward(_ input: Tensor) -> Tensor {
        Tensor(shape: input.shape, storage: input.storage.map(value))
    }

    /// Multiplies the output gradient by the derivative at each element.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        var dx = dy.storage
        for i in dx.indices { dx[i] *= derivative(input.storage[i], output.storage[i]) }
        return LayerGradients(input: Tensor(shape: input.shape, storage: dx))
    }
}

/// max(x, 0).
public struct ReLU: Layer {
    /// A ReLU.
    public init() {}
    /// max(x, 0) element-wise.
    public func forward(_ input: Tensor) -> Tensor { LeakyReLU(slope: 0).forward(input) }
    /// dy where x > 0, else 0.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        LeakyReLU(slope: 0).backward(input: input, output: output, outputGradient: dy)
    }
}

/// x for x > 0, else slope·x.
public struct LeakyReLU: Layer {
    /// The slope for negative inputs.
    public let slope: Float
    /// A leaky ReLU with the given negative slope (PyTorch's default is 0.01; GradCtrl uses 0.1).
    public init(slope: Float = 0.01) { self.slope = slope }
    /// x or slope·x element-wise.
    public func forward(_ input: Tensor) -> Tensor {
        Tensor(shape: input.shape, storage: leakyRectify(input.storage, slope: slope))
    }
    /// dy where x > 0, else slope·dy.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        LayerGradients(input: Tensor(shape: input.shape,
                                     storage: leakyRectifyGradient(dy.storage, input: input.storage, slope: slope)))
    }
}

/// The hyperbolic tangent.
public struct Tanh: ElementwiseActivation {
    /// A tanh.
    public init() {}
    /// tanh(x).
    public func value(_ x: Float) -> Float { hyperbolicTangent(x) }
    /// tanh of every element, through the vectorised kernel.
    public func forward(_ input: Tensor) -> Tensor {
        Tensor(shape: input.shape, storage: hyperbolicTangent(input.storage))
    }
    /// 1 - y².
    public func derivative(_ x: Float, _ y: Float) -> Float { 1 - y * y }
}

/// The logistic function 1 / (1 + e^-x).
public struct Sigmoid: ElementwiseActivation {
    /// A sigmoid.
    public init() {}
    /// 1 / (1 + e^-x), computed without overflow.
    public func value(_ x: Float) -> Float { sigmoid(x) }
    /// y(1 - y).
    public func derivative(_ x: Float, _ y: Float) -> Float { y * (1 - y) }
}

/// The logistic function, stable for large |x|.
public func sigmoid(_ x: Float) -> Float {
    if x >= 0 { return 1 / (1 + _exp(-x)) }
    let e = _exp(x)
    return e / (1 + e)
}

/// Softmax over the last axis of a `[batch, classes]` tensor.
public struct Softmax: Layer {
    /// A softmax over the last axis.
    public init() {}

    /// exp(x - max) normalised per row.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2, "Softmax expects [batch, classes]")
        return Tensor(shape: input.shape, storage: softmaxRows(input.storage, columns: input.shape[1]))
    }

    /// dx = y ⊙ (dy - Σ dy·y) per row.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        let columns = input.shape[1]
        var dx = [Float](repeating: 0, count: input.count)
        for row in 0..<input.shape[0] {
            let base = row * columns
            var dot: Float = 0
            for j in 0..<columns { dot += dy.storage[base + j] * output.storage[base + j] }
            for j in 0..<columns { dx[base + j] = output.storage[base + j] * (dy.storage[base + j] - dot) }
        }
        return LayerGradients(input: Tensor(shape: input.shape, storage: dx))
    }
}

/// Row-wise softmax of a row-major matrix with `columns` columns.
public func softmaxRows(_ values: [Float], columns: Int) -> [Float] {
    var out = [Float](repeating: 0, count: values.count)
    for row in 0..<(values.count / columns) {
        let base = row * columns
        var top = -Float.infinity
        for j in 0..<columns { top = max(top, values[base + j]) }
        var total: Float = 0
        for j in 0..<columns {
            let e = _exp(values[base + j] - top)
            out[base + j] = e
            total += e
        }
        for j in 0..<columns { out[base + j] /= total }
    }
    return out
}
