import LatentClassifier
import NumericCore

/// The training loss of classifier logits against class labels: binary cross-entropy with logits for a
/// sigmoid head (`[N, 1]` logits, label 1 is the positive class), softmax cross-entropy for a softmax head;
/// each sample weighted by its class's weight when `classWeights` is given (weighted mean). With soft
/// `targets`: soft-label cross-entropy (softmax), BCE against class 1's probability (sigmoid), or half the
/// squared error of the logit (sigmoid, logit targets); the hard labels then only pick the class weights.
public func classifierLoss(logits: Tensor, labels: [Int], head: ClassifierHead, classWeights: [Float]?,
                           targets: LossTargets = .labels) -> LossResult {
    let sampleWeights = classWeights.map { weights in labels.map { weights[$0] } }
    switch targets {
    case .labels: break
    case .probabilities(let p) where head == .softmax:
        return softLabelCrossEntropy(logits, targets: p, weights: sampleWeights)
    case .probabilities(let p):
        return binaryCrossEntropyWithLogits(logits, targets: (0..<p.shape[0]).map { p.storage[$0 * p.shape[1] + 1] },
                                            weights: sampleWeights)
    case .logits(let values):
        return halfSquaredError(logits, targets: values, weights: sampleWeights)
    }
    switch head {
    case .sigmoid:
        return binaryCrossEntropyWithLogits(logits, targets: labels.map(Float.init),
                                            weights: classWeights.map { weights in labels.map { weights[$0] } })
    case .softmax:
        return softmaxCrossEntropy(logits, labels: labels, classWeights: classWeights)
    }
}

/// The training loss of `network` (the classifier's layers, without standardisation) on `inputs` and its
/// gradient with respect to every parameter, in the order of `network.parameters`.
public func lossAndParameterGradients(network: Sequential, head: ClassifierHead, inputs: Tensor, labels: [Int],
                                      classWeights: [Float]?, targets: LossTargets = .labels) -> (loss: Float, gradients: [Tensor]) {
    let activations = network.activations(inputs)
    let loss = classifierLoss(logits: activations[activations.count - 1], labels: labels, head: head,
                              classWeights: classWeights, targets: targets)
    let gradients = network.parameterGradients(activations: activations, outputGradient: loss.gradient)
    return (loss.value, gradients.flatMap { $0 })
}
