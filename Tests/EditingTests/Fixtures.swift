import CommandTestSupport
import Editing
import LatentClassifier
import NumericCore

/// A classifier without hidden layers whose logits are `weights · z + bias` (one row per logit: one row
/// gives a sigmoid head, several a softmax head), with identity standardisation.
func linearClassifier(_ weights: [[Float]], bias: [Float]? = nil) -> MLPClassifier {
    let d = weights[0].count
    let architecture = ClassifierArchitecture(inputDimension: d, hidden: [], classCount: max(weights.count, 2))
    let layer = Linear(weight: Tensor(shape: [weights.count, d], storage: weights.flatMap { $0 }),
                       bias: Tensor(shape: [weights.count], storage: bias ?? [Float](repeating: 0, count: weights.count)))
    return MLPClassifier(architecture: architecture, standardization: .identity(d), network: Sequential([layer]))
}

/// The unit vector along channel `i` of `d`, scaled by `scale`.
func axis(_ i: Int, _ d: Int, scale: Float = 1) -> [Float] {
    (0..<d).map { $0 == i ? scale : 0 }
}

/// A one-hidden-layer classifier (GradCtrl's D → 16 → 1 or K) trained with Adam on Gaussian latents labelled
/// by `label`, so its gradients are nonlinear functions of z.
func trainedClassifier(dimension d: Int, classes: Int, seed: UInt64, epochs: Int = 60,
                       label: ([Float]) -> Int) -> MLPClassifier {
    var random = RandomSource(seed: seed)
    let latents = gaussianLatents(512, d, seed: seed &+ 1)
    let labels = (0..<512).map { label(Array(latents.storage[($0 * d)..<(($0 + 1) * d)])) }
    var model = MLPClassifier(architecture: ClassifierArchitecture(inputDimension: d, hidden: [16], classCount: classes),
                              random: &random)
    var adam = Adam(learningRate: 1e-2)
    for _ in 0..<epochs {
        for start in stride(from: 0, to: 512, by: 64) {
            let batch = latents.rows(start..<(start + 64))
            let batchLabels = Array(labels[start..<(start + 64)])
            let activations = model.network.activations(batch)
            let logits = activations[activations.count - 1]
            let loss = classes == 2
                ? binaryCrossEntropyWithLogits(logits, targets: batchLabels.map(Float.init))
                : softmaxCrossEntropy(logits, labels: batchLabels)
            let gradients = model.network.backward(activations: activations, outputGradient: loss.gradient).parameters
            var parameters = model.parameters
            adam.update(&parameters, gradients: gradients.flatMap { $0 })
            model.parameters = parameters
        }
    }
    return model
}

/// The fraction of `latents` rows the classifier labels as `label` would.
func accuracy(_ model: MLPClassifier, _ latents: Tensor, label: ([Float]) -> Int) -> Double {
    let d = latents.shape[1]
    let predicted = model.predict(latents)
    let correct = predicted.indices.filter { predicted[$0] == label(Array(latents.storage[($0 * d)..<(($0 + 1) * d)])) }
    return Double(correct.count) / Double(predicted.count)
}

/// Row `row` of a `[N, D]` tensor, or point `point` of row `row` of a `[N, P, D]` path.
func vector(_ t: Tensor, row: Int, point: Int? = nil) -> [Float] {
    let d = t.shape[t.rank - 1]
    let index = point.map { row * t.shape[1] + $0 } ?? row
    return Array(t.storage[(index * d)..<((index + 1) * d)])
}

/// The dot product of two vectors.
func dot(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

/// The Euclidean length of a vector.
func length(_ a: [Float]) -> Float { dot(a, a).squareRoot() }
