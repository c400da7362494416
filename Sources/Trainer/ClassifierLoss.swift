import LatentClassifier
import NumericCore

/// The training loss of classifier logits against class labels: binary cross-entropy with logits for a
/// sigmoid head (`[N, 1]` logits, label 1 is the positive class), softmax cross-entropy for a softmax head;
/// each sample weighted by its class's weight when `classWeights` is given (weighted mean).
public func classifierLoss(logits: Tensor, labels: [Int], head: ClassifierHead, classWeights: [Float]?) -> LossResult {
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
                                      classWeights: [Float]?) -> (loss: Float, gradients: [Tensor]) {
    let activations = network.activations(inputs)
    let loss = classifierLoss(logits: activations[activations.count - 1], labels: labels, head: head,
                              classWeights: classWeights)
    let gradients = network.parameterGradients(activations: activations, outputGradient: loss.gradient)
    return (loss.value, gradients.flatMap { $0 })
}
