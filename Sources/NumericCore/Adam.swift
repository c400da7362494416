import Kernels

/// The Adam optimiser with PyTorch's update rule and defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8,
/// no weight decay): bias-corrected moments, `p -= lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + ε)`.
public struct Adam: Sendable {
    /// Learning rate.
    public var learningRate: Float
    /// Decay of the first moment.
    public let beta1: Float
    /// Decay of the second moment.
    public let beta2: Float
    /// Added to the denominator.
    public let epsilon: Float
    /// Steps taken so far.
    public private(set) var step = 0
    private var firstMoments: [[Float]] = []
    private var secondMoments: [[Float]] = []

    /// PyTorch's defaults, the one source of them for every optimiser configuration in the package.
    public static let defaultLearningRate: Float = 1e-3
    public static let defaultBeta1: Float = 0.9
    public static let defaultBeta2: Float = 0.999
    public static let defaultEpsilon: Float = 1e-8

    /// An optimiser with the given hyper-parameters.
    public init(learningRate: Float = defaultLearningRate, beta1: Float = defaultBeta1, beta2: Float = defaultBeta2,
                epsilon: Float = defaultEpsilon) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    /// The moments, one flat array per parameter tensor (empty before the first update): with `step`, all an
    /// optimiser needs to continue a run exactly.
    public var moments: (first: [[Float]], second: [[Float]]) { (firstMoments, secondMoments) }

    /// Restores a state saved from `step` and `moments`, so that the next update is the one the saved optimiser
    /// would have made.
    public mutating func restore(step: Int, firstMoments: [[Float]], secondMoments: [[Float]]) {
        precondition(step >= 0 && firstMoments.count == secondMoments.count
                     && zip(firstMoments, secondMoments).allSatisfy { $0.count == $1.count }, "Adam.restore: sizes")
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }

    /// Applies one update to `parameters` from `gradients` (same count and shapes, same order every step).
    public mutating func update(_ parameters: inout [Tensor], gradients: [Tensor]) {
        precondition(parameters.count == gradients.count, "Adam: \(parameters.count) parameters, \(gradients.count) gradients")
        if firstMoments.isEmpty {
            firstMoments = parameters.map { [Float](repeating: 0, count: $0.count) }
            secondMoments = firstMoments
        }
        step += 1
        let correction1 = 1 - Float(_pow(Double(beta1), Double(step)))
        let correction2Root = (1 - Float(_pow(Double(beta2), Double(step)))).squareRoot()
        let stepSize = learningRate / correction1
        for index in parameters.indices {
            precondition(parameters[index].count == gradients[index].count, "Adam: gradient \(index) size")
            adamStep(parameters: &parameters[index].storage, firstMoments: &firstMoments[index],
                     secondMoments: &secondMoments[index], gradients: gradients[index].storage, beta1: beta1,
                     beta2: beta2, stepSize: stepSize, correction2Root: correction2Root, epsilon: epsilon)
        }
    }
}
