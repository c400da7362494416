import Kernels

/// A strided 2-D convolution (cross-correlation, as PyTorch's `Conv2d`) on `[batch, inChannels, H, W]` with
/// PyTorch's weight layout `[outChannels, inChannels, k, k]`, square kernel, equal stride and padding, and an
/// optional bias.
///
/// Forward: im2col of the input, then one GEMM `W · columns`. Its adjoint is a transposed convolution with the
/// same weight, so the input gradient reuses the fused transposed-convolution kernel (GEMM then col2im), and the
/// weight gradient is one GEMM `dY · columnsᵀ`. The geometry must tile exactly: `(H + 2·padding - k)` and
/// `(W + 2·padding - k)` divisible by the stride (true for the usual k = 4, stride 2, padding 1 on even sides).
public struct Conv2d: Layer {
    /// Weight `[out, in, k, k]`, then bias `[out]` if the layer has one.
    public var parameters: [Tensor]
    /// Stride on both axes.
    public let stride: Int
    /// Zero padding on each border.
    public let padding: Int
    /// Output channels.
    public var outChannels: Int { parameters[0].shape[0] }
    /// Input channels.
    public var inChannels: Int { parameters[0].shape[1] }
    /// Kernel side.
    public var kernel: Int { parameters[0].shape[2] }
    /// Whether a bias is added.
    public var hasBias: Bool { parameters.count == 2 }

    /// A layer with the given weight `[out, in, k, k]`, optional bias `[out]`, stride and padding.
    public init(weight: Tensor, bias: Tensor? = nil, stride: Int, padding: Int) {
        precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3], "Conv2d: weight [out, in, k, k]")
        precondition(stride >= 1 && padding >= 0, "Conv2d: stride ≥ 1, padding ≥ 0")
        if let bias { precondition(bias.shape == [weight.shape[0]], "Conv2d: bias [out]") }
        parameters = bias.map { [weight, $0] } ?? [weight]
        self.stride = stride
        self.padding = padding
    }

    /// A layer initialised as PyTorch does (Kaiming-uniform with a = √5): weight and bias uniform in
    /// ±1/√(in·k²).
    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int, padding: Int, bias: Bool = true,
                random: inout RandomSource) {
        let fanIn = inChannels * kernel * kernel
        let bound = 1 / Float(fanIn).squareRoot()
        let weight = Tensor(shape: [outChannels, inChannels, kernel, kernel],
                            storage: (0..<(outChannels * fanIn)).map { _ in random.uniform(-bound, bound) })
        let biasTensor = bias ? Tensor(shape: [outChannels],
                                       storage: (0..<outChannels).map { _ in random.uniform(-bound, bound) }) : nil
        self.init(weight: weight, bias: biasTensor, stride: stride, padding: padding)
    }

    /// The output side for an input side: (side + 2·padding - k) / stride + 1.
    public func outputSide(_ side: Int) -> Int { (side + 2 * padding - kernel) / stride + 1 }

    /// The geometry of the transposed convolution that is this convolution's adjoint: it maps the output
    /// `[batch, out, oh, ow]` back onto the input `[batch, in, H, W]`.
    func adjointGeometry(for inputShape: [Int]) -> ConvTransposeGeometry {
        precondition(inputShape.count == 4 && inputShape[1] == inChannels,
                     "Conv2d: input \(inputShape), expected [*, \(inChannels), H, W]")
        let (h, w) = (inputShape[2], inputShape[3])
        precondition(h + 2 * padding >= kernel && w + 2 * padding >= kernel, "Conv2d: input \(h)×\(w) smaller than the kernel")
        precondition((h + 2 * padding - kernel) % stride == 0 && (w + 2 * padding - kernel) % stride == 0,
                     "Conv2d: input \(h)×\(w) does not tile with kernel \(kernel), stride \(stride), padding \(padding)")
        return ConvTransposeGeometry(batch: inputShape[0], channels: inChannels, kernel: kernel, stride: stride,
                                     padding: padding, inputHeight: outputSide(h), inputWidth: outputSide(w))
    }

    /// The im2col matrix `[in·k², batch·oh·ow]` of `input`.
    private func columns(_ input: Tensor, _ g: ConvTransposeGeometry) -> [Float] {
        var columns = [Float]()
        im2col(input.storage, geometry: g, columns: &columns)
        return columns
    }

    /// The convolution of `input` (plus the bias, if any): `[batch, out, oh, ow]`.
    public func forward(_ input: Tensor) -> Tensor {
        let g = adjointGeometry(for: input.shape)
        let spatial = g.inputHeight * g.inputWidth
        var channelMajor = [Float](repeating: 0, count: outChannels * g.columnCount)
        orderedSgemm(m: outChannels, n: g.columnCount, k: g.columnRows, a: parameters[0].storage,
                     b: columns(input, g), c: &channelMajor)
        var out = swapLeadingAxes(channelMajor, a: outChannels, b: g.batch, inner: spatial)
        if hasBias {
            channelAffine(&out, batch: g.batch, channels: outChannels, inner: spatial,
                          scale: [Float](repeating: 1, count: outChannels), shift: parameters[1].storage)
        }
        return Tensor(shape: [g.batch, outChannels, g.inputHeight, g.inputWidth], storage: out)
    }

    /// ∂L/∂x: the transposed convolution of dy with the same weight.
    public func inputGradient(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> Tensor {
        let g = adjointGeometry(for: input.shape)
        return Tensor(shape: input.shape,
                      storage: convTransposeForward(input: dy.storage, weight: parameters[0].storage,
                                                    inChannels: outChannels, geometry: g))
    }

    /// ∂L/∂W = dy·columnsᵀ and ∂L/∂b = Σ dy per channel.
    public func parameterGradients(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> [Tensor] {
        let g = adjointGeometry(for: input.shape)
        let spatial = g.inputHeight * g.inputWidth
        let dyChannelMajor = swapLeadingAxes(dy.storage, a: g.batch, b: outChannels, inner: spatial)
        var dw = [Float](repeating: 0, count: parameters[0].count)
        sgemm(transposeB: true, m: outChannels, n: g.columnRows, k: g.columnCount,
              a: dyChannelMajor, b: columns(input, g), c: &dw)
        var grads = [Tensor(shape: parameters[0].shape, storage: dw)]
        if hasBias {
            grads.append(Tensor(shape: [outChannels],
                                storage: channelSums(dy.storage, batch: g.batch, channels: outChannels, inner: spatial)))
        }
        return grads
    }

    /// Both gradients.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        LayerGradients(input: inputGradient(input: input, output: output, outputGradient: dy),
                       parameters: parameterGradients(input: input, output: output, outputGradient: dy))
    }
}
