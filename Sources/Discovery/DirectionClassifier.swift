import LatentClassifier
import NumericCore

/// A fixed direction as the editor applies it: a linear classifier whose single logit is d · z (sigmoid head,
/// no standardisation). Its gradient is d everywhere, so an edit toward class 1 walks straight along d and
/// one toward class 0 straight along −d, each step of exactly the step length.
public func directionClassifier(_ direction: LatentDirection) -> MLPClassifier {
    let d = direction.vector.count
    let layer = Linear(weight: Tensor(shape: [1, d], storage: direction.vector), bias: Tensor(shape: [1]))
    return MLPClassifier(architecture: ClassifierArchitecture(inputDimension: d, hidden: [], classCount: 2),
                         standardization: .identity(d), network: Sequential([layer]))
}
