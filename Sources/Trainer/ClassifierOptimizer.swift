import LatentClassifier
import NumericCore

/// A classifier under training with Adam: each step takes one batch of standardised inputs (the training loop's
/// step, also timed by the training benchmark).
public struct ClassifierOptimizer {
    /// The classifier with its current weights.
    public private(set) var classifier: MLPClassifier
    private let classWeights: [Float]?
    private var adam: Adam
    /// Tensors shaped like the parameters, held by the network during an update.
    private let spare: [Tensor]

    /// Starts from `classifier` with the optimiser settings of `configuration`.
    public init(classifier: MLPClassifier, configuration: TrainingConfiguration, classWeights: [Float]?) {
        self.classifier = classifier
        self.classWeights = classWeights
        spare = classifier.parameters.map { Tensor(shape: $0.shape) }
        adam = Adam(learningRate: configuration.learningRate, beta1: configuration.beta1, beta2: configuration.beta2,
                    epsilon: configuration.epsilon)
    }

    /// One Adam step on `inputs` (already standardised) with `labels`; returns the batch loss before the step.
    @discardableResult
    public mutating func step(inputs: Tensor, labels: [Int], targets: LossTargets = .labels) -> Float {
        let (loss, gradients) = lossAndParameterGradients(network: classifier.network, head: classifier.architecture.head,
                                                          inputs: inputs, labels: labels, classWeights: classWeights,
                                                          targets: targets)
        // Park the spare tensors in the network while Adam updates the parameters, so that Adam holds the
        // only reference to them and updates them in place instead of copying them.
        var parameters = classifier.parameters
        classifier.parameters = spare
        adam.update(&parameters, gradients: gradients)
        classifier.parameters = parameters
        return loss
    }
}
