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

/// Softmax cross-entropy on logits `[batch, classes]` against soft labels `[batch, classes]` (each row a
/// probability distribution), optionally weighted per sample: Σ wᵢ·(−Σ_c t_ic log softmax(ℓᵢ)_c) / Σ wᵢ.
/// The gradient is wᵢ·(softmax(ℓᵢ) − tᵢ) / Σ w. With one-hot rows it equals `softmaxCrossEntropy`.
public func softLabelCrossEntropy(_ logits: Tensor, targets: Tensor, weights: [Float]? = nil) -> LossResult {
    precondition(logits.rank == 2 && logits.shape == targets.shape, "soft CE: logits \(logits.shape), targets \(targets.shape)")
    let rows = logits.shape[0], classes = logits.shape[1]
    let w = weights ?? [Float](repeating: 1, count: rows)
    precondition(w.count == rows, "soft CE: \(w.count) weights for \(rows) rows")
    let totalWeight = w.reduce(0, +)
    let probabilities = softmaxRows(logits.storage, columns: classes)
    var loss: Float = 0
    var gradient = [Float](repeating: 0, count: logits.count)
    for i in 0..<rows {
        let base = i * classes
        var top = -Float.infinity
        for j in 0..<classes { top = max(top, logits.storage[base + j]) }
        var total: Float = 0
        for j in 0..<classes { total += _exp(logits.storage[base + j] - top) }
        let logTotal = top + _logf(total)
        for j in 0..<classes {
            let t = targets.storage[base + j]
            loss += w[i] * t * (logTotal - logits.storage[base + j])
            gradient[base + j] = w[i] * (probabilities[base + j] - t) / totalWeight
        }
    }
    return LossResult(value: loss / totalWeight, gradient: Tensor(shape: logits.shape, storage: gradient))
}

/// Half the squared error of outputs against targets of the same count, optionally weighted per row of
/// `outputs` (`[batch]` or `[batch, C]`): Σ wᵢ·½‖yᵢ − tᵢ‖² / Σ wᵢ, with gradient wᵢ·(yᵢ − tᵢ) / Σ w.
public func halfSquaredError(_ outputs: Tensor, targets: Tensor, weights: [Float]? = nil) -> LossResult {
    precondition(outputs.count == targets.count && outputs.rank >= 1, "squared error: outputs \(outputs.shape), targets \(targets.shape)")
    let rows = outputs.shape[0], width = rows == 0 ? 0 : outputs.count / rows
    let w = weights ?? [Float](repeating: 1, count: rows)
    precondition(w.count == rows, "squared error: \(w.count) weights for \(rows) rows")
    let totalWeight = w.reduce(0, +)
    var loss: Float = 0
    var gradient = [Float](repeating: 0, count: outputs.count)
    for i in 0..<rows {
        for j in 0..<width {
            let difference = outputs.storage[i * width + j] - targets.storage[i * width + j]
            loss += w[i] * 0.5 * difference * difference
            gradient[i * width + j] = w[i] * difference / totalWeight
        }
    }
    return LossResult(value: loss / totalWeight, gradient: Tensor(shape: outputs.shape, storage: gradient))
}
