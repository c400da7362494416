import Kernels

/// A 2-D transposed convolution on `[batch, inChannels, H, W]` with PyTorch's weight layout
/// `[inChannels, outChannels, k, k]`, square kernel, equal stride and padding, and an optional bias.
/// Computed as one GEMM over the whole batch followed by col2im.
public struct ConvTranspose2d: Layer {
    /// Weight, then bias if the layer has one.
    public var parameters: [Tensor]
    /// Stride on both axes.
    public let stride: Int
    /// Padding on both axes.
    public let padding: Int
    /// Input channels.
    public var inChannels: Int { parameters[0].shape[0] }
    /// Output channels.
    public var outChannels: Int { parameters[0].shape[1] }
    /// Kernel side.
    public var kernel: Int { parameters[0].shape[2] }
    /// Whether a bias is added.
    public var hasBias: Bool { parameters.count == 2 }

    /// A layer with the given weight `[in, out, k, k]`, optional bias `[out]`, stride and padding.
    public init(weight: Tensor, bias: Tensor? = nil, stride: Int, padding: Int) {
        precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3], "ConvTranspose2d: weight [in, out, k, k]")
        if let bias { precondition(bias.shape == [weight.shape[1]], "ConvTranspose2d: bias [out]") }
        parameters = bias.map { [weight, $0] } ?? [weight]
        self.stride = stride
        self.padding = padding
    }

    /// The geometry of this layer for an input of the given shape.
    public func geometry(for inputShape: [Int]) -> ConvTransposeGeometry {
        precondition(inputShape.count == 4 && inputShape[1] == inChannels,
                     "ConvTranspose2d: input \(inputShape), expected [*, \(inChannels), H, W]")
        return ConvTransposeGeometry(batch: inputShape[0], channels: outChannels, kernel: kernel,
                                     stride: stride, padding: padding,
                                     inputHeight: inputShape[2], inputWidth: inputShape[3])
    }

    /// The transposed convolution of `input` (plus the bias, if any).
    public func forward(_ input: Tensor) -> Tensor {
        forward(input, epilogue: hasBias ? .affine(scale: [Float](repeating: 1, count: outChannels),
                                                   shift: parameters[1].storage, relu: false) : .none)
    }

    /// The transposed convolution of `input` without its bias, followed by `epilogue` on each output plane
    /// (a fused batch norm and ReLU, or tanh).
    public func forward(_ input: Tensor, epilogue: PlaneEpilogue) -> Tensor {
        let g = geometry(for: input.shape)
        let out = convTransposeForward(input: input.storage, weight: parameters[0].storage, inChannels: inChannels,
                                       geometry: g, epilogue: epilogue)
        return Tensor(shape: [g.batch, outChannels, g.outputHeight, g.outputWidth], storage: out)
    }

    /// ∂L/∂x = im2col(dy) through W, back in `[batch, in, H, W]` order.
    public func inputGradient(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> Tensor {
        inputGradient(inputShape: input.shape, outputGradient: dy)
    }

    /// ∂L/∂x for an input of shape `inputShape`: the input's values are not needed, only its shape.
    public func inputGradient(inputShape: [Int], outputGradient dy: Tensor) -> Tensor {
        inputGradient(inputShape, columns: outputColumns(dy, geometry(for: inputShape)))
    }

    /// ∂L/∂x through im2col and Wᵀ, ∂L/∂W = x·colsᵀ, ∂L/∂b = Σ dy per channel.
    public func backward(input: Tensor, output: Tensor, outputGradient dy: Tensor) -> LayerGradients {
        let g = geometry(for: input.shape)
        let spatial = g.inputHeight * g.inputWidth
        let columns = outputColumns(dy, g)
        let dx = inputGradient(input.shape, columns: columns)
        let channelMajor = swapLeadingAxes(input.storage, a: g.batch, b: inChannels, inner: spatial)
        var dw = [Float](repeating: 0, count: parameters[0].count)
        sgemm(transposeB: true, m: inChannels, n: g.columnRows, k: g.columnCount,
              a: channelMajor, b: columns, c: &dw)
        var grads = [Tensor(shape: parameters[0].shape, storage: dw)]
        if hasBias {
            grads.append(Tensor(shape: [outChannels],
                                storage: channelSums(dy.storage, batch: g.batch, channels: outChannels,
                                                     inner: g.outputHeight * g.outputWidth)))
        }
        return LayerGradients(input: dx, parameters: grads)
    }

    private func outputColumns(_ dy: Tensor, _ g: ConvTransposeGeometry) -> [Float] {
        var columns = [Float]()
        im2col(dy.storage, geometry: g, columns: &columns)
        return columns
    }

    private func inputGradient(_ inputShape: [Int], columns: [Float]) -> Tensor {
        let g = geometry(for: inputShape)
        var dxChannelMajor = [Float](repeating: 0, count: inputShape.reduce(1, *))
        orderedSgemm(m: inChannels, n: g.columnCount, k: g.columnRows,
                     a: parameters[0].storage, b: columns, c: &dxChannelMajor)
        return Tensor(shape: inputShape,
                      storage: swapLeadingAxes(dxChannelMajor, a: inChannels, b: g.batch,
                                               inner: g.inputHeight * g.inputWidth))
    }
}
