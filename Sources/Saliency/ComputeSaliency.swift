import LatentClassifier
import NumericCore

/// The saliency of `classifier` over `latents` `[N, D]`: for each class probability (class 1 of a sigmoid
/// head, every class of a softmax head) the mean of |∂p_c/∂z_i| and of ∂p_c/∂z_i, and the mean of
/// ½ Σ_c |∂p_c/∂z_i| for the attribute. `classNames` must have one name per class.
public func computeSaliency(attribute: String, classNames: [String], classifier: MLPClassifier,
                            latents: Tensor) -> AttributeSaliency {
    let architecture = classifier.architecture
    precondition(classNames.count == architecture.classCount, "one name per class")
    precondition(latents.rank == 2 && latents.shape[1] == architecture.inputDimension && latents.shape[0] > 0,
                 "latents must be [N, \(architecture.inputDimension)] with N > 0")
    let (n, d) = (latents.shape[0], latents.shape[1])
    let classes = saliencyOutputClasses(architecture)
    let gradients = classifier.inputGradients(latents, of: classes.map { .probability($0) }).gradients
    func channelMeans(_ values: Tensor, _ transform: (Float) -> Float) -> [Float] {
        var sums = [Double](repeating: 0, count: d)
        for (index, value) in values.storage.enumerated() { sums[index % d] += Double(transform(value)) }
        return sums.map { Float($0 / Double(n)) }
    }
    return AttributeSaliency(
        attribute: attribute, classNames: classNames, sampleCount: n,
        outputs: zip(classes, gradients).map { c, gradient in
            OutputSaliency(classIndex: c, meanAbsolute: channelMeans(gradient, abs), signedMean: channelMeans(gradient) { $0 })
        },
        sensitivity: channelMeans(channelSensitivity(gradients, head: architecture.head)) { $0 })
}

/// The classes whose probabilities saliency is measured for: class 1 of a sigmoid head (∂p₀/∂z = −∂p₁/∂z),
/// every class of a softmax head.
public func saliencyOutputClasses(_ architecture: ClassifierArchitecture) -> [Int] {
    architecture.head == .sigmoid ? [1] : Array(0..<architecture.classCount)
}
