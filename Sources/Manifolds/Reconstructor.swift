import NumericCore

/// R: a small CNN on an image pair stacked along channels, `[B, 2C, H, W]`, giving an embedding, K direction
/// logits and an estimate of ε. The trunk halves the side with 4×4 stride-2 convolutions and LeakyReLU(0.2)
/// until it is 4, doubling the channels up to four times `width`, then flattens into a linear layer and a
/// LeakyReLU that give the embedding; two linear heads read the embedding.
public struct Reconstructor: Sendable {
    /// Convolutions, activations, flatten, the embedding layer and its activation.
    public var trunk: Sequential
    /// Embedding → K logits.
    public var classifier: Linear
    /// Embedding → ε̂.
    public var shiftHead: Linear

    /// The negative slope of every LeakyReLU.
    public static let slope: Float = 0.2

    /// A freshly initialised reconstructor for pairs of `imageShape` `[C, H, W]` images (H = W, a power of two
    /// from 8 up).
    public init(imageShape: [Int], directions: Int, width: Int, embedding: Int, random: inout RandomSource) {
        precondition(imageShape.count == 3 && imageShape[1] == imageShape[2] && imageShape[1] >= 8
                     && imageShape[1] & (imageShape[1] - 1) == 0, "Reconstructor: images [C, S, S], S a power of two ≥ 8")
        var layers = [any Layer]()
        var channels = 2 * imageShape[0], side = imageShape[1], out = width
        while side > 4 {
            layers.append(Conv2d(inChannels: channels, outChannels: out, kernel: 4, stride: 2, padding: 1, random: &random))
            layers.append(LeakyReLU(slope: Self.slope))
            channels = out
            out = min(out * 2, 4 * width)
            side /= 2
        }
        layers.append(Flatten())
        layers.append(Linear(inputs: channels * side * side, outputs: embedding, random: &random))
        layers.append(LeakyReLU(slope: Self.slope))
        trunk = Sequential(layers)
        classifier = Linear(inputs: embedding, outputs: directions, random: &random)
        shiftHead = Linear(inputs: embedding, outputs: 1, random: &random)
    }

    /// Every trainable tensor: the trunk's, then the classifier's, then the shift head's.
    public var parameters: [Tensor] {
        get { trunk.parameters + classifier.parameters + shiftHead.parameters }
        set {
            let (t, c) = (trunk.parameters.count, classifier.parameters.count)
            trunk.parameters = Array(newValue[0..<t])
            classifier.parameters = Array(newValue[t..<(t + c)])
            shiftHead.parameters = Array(newValue[(t + c)...])
        }
    }

    /// The forward pass with everything the backward pass needs.
    public struct Trace: Sendable {
        /// The trunk's input and every layer's output; the last is the embedding `[B, E]`.
        public let activations: [Tensor]
        /// `[B, K]`.
        public let logits: Tensor
        /// `[B, 1]`.
        public let shifts: Tensor
        /// The embedding `[B, E]`.
        public var embedding: Tensor { activations[activations.count - 1] }
    }

    /// Runs R on stacked pairs `[B, 2C, H, W]`.
    public func forward(_ pairs: Tensor) -> Trace {
        let activations = trunk.activations(pairs)
        let e = activations[activations.count - 1]
        return Trace(activations: activations, logits: classifier.forward(e), shifts: shiftHead.forward(e))
    }

    /// ∂L/∂pairs and ∂L/∂parameters (in `parameters` order) for gradients with respect to the logits, the
    /// shift estimates and (besides the heads) the embedding.
    public func backward(_ trace: Trace, logitGradient: Tensor, shiftGradient: Tensor,
                         embeddingGradient: Tensor?) -> (input: Tensor, parameters: [Tensor]) {
        let e = trace.embedding
        let c = classifier.backward(input: e, output: trace.logits, outputGradient: logitGradient)
        let s = shiftHead.backward(input: e, output: trace.shifts, outputGradient: shiftGradient)
        var de = c.input
        for i in de.storage.indices { de.storage[i] += s.input.storage[i] }
        if let embeddingGradient {
            for i in de.storage.indices { de.storage[i] += embeddingGradient.storage[i] }
        }
        let (dx, trunkGradients) = trunk.backward(activations: trace.activations, outputGradient: de)
        return (dx, trunkGradients.flatMap { $0 } + c.parameters + s.parameters)
    }
}

/// Stacks two image batches `[B, C, H, W]` along channels: `[B, 2C, H, W]`.
public func stackPairs(_ first: Tensor, _ second: Tensor) -> Tensor {
    precondition(first.shape == second.shape && first.rank == 4, "stackPairs: equal [B, C, H, W] batches")
    let per = first.count / max(1, first.shape[0])
    var out = [Float]()
    out.reserveCapacity(2 * first.count)
    for b in 0..<first.shape[0] {
        out.append(contentsOf: first.storage[(b * per)..<((b + 1) * per)])
        out.append(contentsOf: second.storage[(b * per)..<((b + 1) * per)])
    }
    return Tensor(shape: [first.shape[0], 2 * first.shape[1], first.shape[2], first.shape[3]], storage: out)
}

/// The second image's part `[B, C, H, W]` of a gradient with respect to stacked pairs `[B, 2C, H, W]`.
public func secondOfPairs(_ pairs: Tensor) -> Tensor {
    let per = pairs.count / max(1, pairs.shape[0]) / 2
    var out = [Float]()
    out.reserveCapacity(pairs.count / 2)
    for b in 0..<pairs.shape[0] { out.append(contentsOf: pairs.storage[((2 * b + 1) * per)..<((2 * b + 2) * per)]) }
    return Tensor(shape: [pairs.shape[0], pairs.shape[1] / 2, pairs.shape[2], pairs.shape[3]], storage: out)
}
