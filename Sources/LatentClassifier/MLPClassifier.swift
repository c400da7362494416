import Kernels
import NumericCore

/// Which scalar of a classifier's output an input gradient is taken of.
public enum ClassifierOutput: Sendable, Equatable {
    /// The probability of class k.
    case probability(Int)
    /// The logit of class k (for a sigmoid head: +logit for class 1, -logit for class 0).
    case logit(Int)
}

/// A small MLP on latents that predicts one attribute: standardisation, hidden layers with LeakyReLU,
/// then a sigmoid or softmax head. Gives class probabilities and, analytically, their gradients with
/// respect to the latents, which are GradCtrl's edit directions.
public struct MLPClassifier: Sendable {
    /// The architecture.
    public let architecture: ClassifierArchitecture
    /// The standardisation applied to latents first.
    public var standardization: InputStandardization
    /// Linear and LeakyReLU layers producing the logits.
    public var network: Sequential

    /// A classifier with PyTorch's default initialisation drawn from `random`.
    public init(architecture: ClassifierArchitecture, standardization: InputStandardization? = nil,
                random: inout RandomSource) {
        var layers = [any Layer]()
        var width = architecture.inputDimension
        for hidden in architecture.hidden {
            layers.append(Linear(inputs: width, outputs: hidden, random: &random))
            layers.append(LeakyReLU(slope: architecture.leakySlope))
            width = hidden
        }
        layers.append(Linear(inputs: width, outputs: architecture.logitCount, random: &random))
        self.init(architecture: architecture,
                  standardization: standardization ?? .identity(architecture.inputDimension),
                  network: Sequential(layers))
    }

    /// A classifier from its parts.
    public init(architecture: ClassifierArchitecture, standardization: InputStandardization, network: Sequential) {
        self.architecture = architecture
        self.standardization = standardization
        self.network = network
    }

    /// The linear layers' weights and biases, in order (weight `[out, in]`, bias `[out]`, …).
    public var parameters: [Tensor] {
        get { network.parameters }
        set { network.parameters = newValue }
    }

    /// Logits `[N, 1]` (sigmoid) or `[N, K]` (softmax) for latents `[N, D]`.
    public func logits(_ latents: Tensor) -> Tensor {
        latentNetwork.forward(latents)
    }

    /// The network applied to latents directly: the standardisation folded into the first linear layer,
    /// which spares a pass over the latents and one over their gradients.
    private var latentNetwork: Sequential {
        guard let first = network.layers.first as? Linear else { preconditionFailure("the first layer must be Linear") }
        var layers = network.layers
        layers[0] = standardization.folded(into: first)
        return Sequential(layers)
    }

    /// Class probabilities `[N, classCount]` (for a sigmoid head: columns 1 - p and p).
    public func probabilities(_ latents: Tensor) -> Tensor {
        classProbabilities(fromLogits: logits(latents))
    }

    /// The most probable class of each latent.
    public func predict(_ latents: Tensor) -> [Int] {
        predictedClasses(fromLogits: logits(latents))
    }

    /// The most probable class of each row of `logits`.
    public func predictedClasses(fromLogits logits: Tensor) -> [Int] {
        LatentClassifier.predictedClasses(classProbabilities(fromLogits: logits))
    }

    /// Class probabilities from logits.
    public func classProbabilities(fromLogits logits: Tensor) -> Tensor {
        let n = logits.shape[0]
        switch architecture.head {
        case .sigmoid:
            var out = [Float](repeating: 0, count: n * 2)
            for i in 0..<n {
                let p = sigmoid(logits.storage[i])
                out[2 * i] = 1 - p
                out[2 * i + 1] = p
            }
            return Tensor(shape: [n, 2], storage: out)
        case .softmax:
            return Tensor(shape: logits.shape, storage: softmaxRows(logits.storage, columns: logits.shape[1]))
        }
    }

    /// ∂output/∂z `[N, D]` for every latent of `latents` `[N, D]`, with the probabilities at `latents`.
    public func inputGradient(_ latents: Tensor, of output: ClassifierOutput) -> (gradient: Tensor, probabilities: Tensor) {
        let result = inputGradients(latents, of: [output])
        return (result.gradients[0], result.probabilities)
    }

    /// ∂output/∂z `[N, D]` for each of `outputs` (say, every class's probability) from one forward pass over
    /// `latents` `[N, D]`, with the probabilities at `latents`. Large batches go through in chunks of rows whose
    /// hidden activations stay small (about 1 MB per layer), which keeps them in cache.
    public func inputGradients(_ latents: Tensor, of outputs: [ClassifierOutput]) -> (gradients: [Tensor], probabilities: Tensor) {
        keepFreedMemoryForReuse()
        let network = latentNetwork
        let n = latents.shape[0]
        let chunk = max(64, (1 << 18) / architecture.layerWidths.max()!)
        if n <= chunk { return inputGradients(latents, of: outputs, through: network) }
        // Chunks of rows, shared out in contiguous runs, one run per core; the results come back in row order.
        let chunks = rowSlices(count: n, rows: chunk)
        let results = inParallel(parts: chunks.count) { part in
            inputGradients(latents.rows(chunks[part]), of: outputs, through: network)
        }
        return (outputs.indices.map { index in Tensor(concatenatingRows: results.map { $0.gradients[index] }) },
                Tensor(concatenatingRows: results.map(\.probabilities)))
    }

    /// `inputGradients(_:of:)` of all `latents` at once through `network`, the `latentNetwork`.
    private func inputGradients(_ latents: Tensor, of outputs: [ClassifierOutput],
                                through network: Sequential) -> (gradients: [Tensor], probabilities: Tensor) {
        let activations = network.activations(latents)
        let probabilities = classProbabilities(fromLogits: activations[activations.count - 1])
        let gradients = outputs.map { output in
            network.inputGradient(activations: activations,
                                  outputGradient: logitGradient(of: output, probabilities: probabilities))
        }
        return (gradients, probabilities)
    }

    /// ∂output/∂logits for each row.
    private func logitGradient(of output: ClassifierOutput, probabilities p: Tensor) -> Tensor {
        let n = p.shape[0], k = architecture.classCount
        switch (architecture.head, output) {
        case (.sigmoid, .probability(let c)):
            precondition(c == 0 || c == 1, "class \(c) outside 0..<2")
            let sign: Float = c == 1 ? 1 : -1
            return Tensor(shape: [n, 1], storage: (0..<n).map { sign * p.storage[2 * $0] * p.storage[2 * $0 + 1] })
        case (.sigmoid, .logit(let c)):
            precondition(c == 0 || c == 1, "class \(c) outside 0..<2")
            return Tensor(shape: [n, 1], repeating: c == 1 ? 1 : -1)
        case (.softmax, .probability(let c)):
            precondition(c >= 0 && c < k, "class \(c) outside 0..<\(k)")
            // ∂p_c/∂logit_j = p_c (δ_cj - p_j)
            var out = [Float](repeating: 0, count: n * k)
            for row in 0..<n {
                let pc = p.storage[row * k + c]
                for j in 0..<k { out[row * k + j] = pc * ((j == c ? 1 : 0) - p.storage[row * k + j]) }
            }
            return Tensor(shape: [n, k], storage: out)
        case (.softmax, .logit(let c)):
            precondition(c >= 0 && c < k, "class \(c) outside 0..<\(k)")
            var out = [Float](repeating: 0, count: n * k)
            for row in 0..<n { out[row * k + c] = 1 }
            return Tensor(shape: [n, k], storage: out)
        }
    }
}

/// The most probable class of each row of class probabilities `[N, K]` (the first on a tie).
public func predictedClasses(_ probabilities: Tensor) -> [Int] {
    let k = probabilities.shape[1]
    return (0..<probabilities.shape[0]).map { row in
        var best = 0
        for c in 1..<k where probabilities.storage[row * k + c] > probabilities.storage[row * k + best] { best = c }
        return best
    }
}
