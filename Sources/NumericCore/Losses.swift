/// A loss value with its gradient with respect to the logits.
public struct LossResult: Sendable {
    /// The (weighted) mean loss.
    public let value: Float
    /// ∂loss/∂logits, shaped like the logits.
    public let gradient: Tensor

    /// A loss value with its gradient.
    public init(value: Float, gradient: Tensor) {
        self.value = value
        self.gradient = gradient
    }
}

/// Binary cross-entropy on logits `[batch]` or `[batch, 1]` against targets in [0, 1], optionally weighted
/// per sample; the mean is Σ wᵢ·lᵢ / Σ wᵢ (PyTorch's mean when all weights are 1). Stable for large logits.
public func binaryCrossEntropyWithLogits(_ logits: Tensor, targets: [Float], weights: [Float]? = nil) -> LossResult {
    precondition(logits.count == targets.count, "BCE: \(logits.count) logits, \(targets.count) targets")
    let w = weights ?? [Float](repeating: 1, count: targets.count)
    let totalWeight = w.reduce(0, +)
    var loss: Float = 0
    var gradient = [Float](repeating: 0, count: logits.count)
    for i in 0..<logits.count {
        let x = logits.storage[i], y = targets[i]
        // -[y log σ(x) + (1-y) log(1-σ(x))] = softplus(x) - y·x
        loss += w[i] * (softplus(x) - y * x)
        gradient[i] = w[i] * (sigmoid(x) - y) / totalWeight
    }
    return LossResult(value: loss / totalWeight, gradient: Tensor(shape: logits.shape, storage: gradient))
}

/// Softmax cross-entropy on logits `[batch, classes]` against class indices, optionally with a weight per
/// class; the mean is Σ w_{yᵢ}·lᵢ / Σ w_{yᵢ}, as PyTorch's `cross_entropy(weight:)`.
public func softmaxCrossEntropy(_ logits: Tensor, labels: [Int], classWeights: [Float]? = nil) -> LossResult {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count, "CE: logits \(logits.shape), \(labels.count) labels")
    let classes = logits.shape[1]
    let probabilities = softmaxRows(logits.storage, columns: classes)
    let sampleWeights = labels.map { classWeights?[$0] ?? 1 }
    let totalWeight = sampleWeights.reduce(0, +)
    var loss: Float = 0
    var gradient = probabilities
    for (i, label) in labels.enumerated() {
        precondition(label >= 0 && label < classes, "CE: label \(label) outside 0..<\(classes)")
        let base = i * classes
        var top = -Float.infinity
        for j in 0..<classes { top = max(top, logits.storage[base + j]) }
        var total: Float = 0
        for j in 0..<classes { total += _exp(logits.storage[base + j] - top) }
        loss += sampleWeights[i] * (top + _logf(total) - logits.storage[base + label])
        gradient[base + label] -= 1
        for j in 0..<classes { gradient[base + j] *= sampleWeights[i] / totalWeight }
    }
    return LossResult(value: loss / totalWeight, gradient: Tensor(shape: logits.shape, storage: gradient))
}
