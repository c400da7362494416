import Foundation
import Kernels
import NumericCore

/// How TCA's regression back to the latent is trained: Adam on mean squared error plus λ times the Tucker
/// penalty, each iteration on a fresh batch.
public struct RegressionTraining: Sendable, Equatable {
    /// Adam's learning rate.
    public var learningRate: Float
    /// Fresh samples per iteration.
    public var batchSize: Int
    /// The weight λ of the penalty Σ‖G‖² + Σ‖Fₙ‖².
    public var penaltyWeight: Float
    /// Iterations.
    public var iterations: Int
    /// Whether the learning rate follows a half cosine from its value down to zero over the iterations (else
    /// it stays constant, as in TCA's code).
    public var cosineDecay: Bool

    /// Settings from their parts.
    public init(learningRate: Float, batchSize: Int, penaltyWeight: Float, iterations: Int, cosineDecay: Bool) {
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.penaltyWeight = penaltyWeight
        self.iterations = iterations
        self.cosineDecay = cosineDecay
    }

    /// The learning rate of iteration `iteration` (0-based).
    public func learningRate(at iteration: Int) -> Float {
        guard cosineDecay else { return learningRate }
        return learningRate * Float(0.5 * (1 + cos(Double.pi * Double(iteration) / Double(iterations))))
    }
}

/// The loss TCA minimises for a batch: the mean over all entries of (prediction − target)², plus
/// `penaltyWeight` times the regression's penalty; and its gradients in `parameters` order.
public func regressionLoss(_ model: TuckerRegression, inputs: Tensor, targets: Tensor,
                           penaltyWeight: Float) -> (loss: Double, gradients: [Tensor]) {
    let trace = model.trace(inputs)
    precondition(targets.count == trace.output.count, "regressionLoss: \(targets.shape) targets for \(trace.output.count) outputs")
    let scale = 2 / Float(targets.count)
    var squared = 0.0
    var outputGradient = [Float](repeating: 0, count: targets.count)
    for i in 0..<targets.count {
        let r = trace.output[i] - targets.storage[i]
        squared += Double(r) * Double(r)
        outputGradient[i] = scale * r
    }
    var gradients = model.gradients(trace, outputGradient: outputGradient)
    for (k, parameter) in model.parameters.enumerated() {
        for i in 0..<parameter.count { gradients[k].storage[i] += 2 * penaltyWeight * parameter.storage[i] }
    }
    return (squared / Double(targets.count) + Double(penaltyWeight) * model.penalty, gradients)
}

/// Trains `model` with `settings`: each iteration asks `batch` for a fresh (inputs, targets) pair of
/// `settings.batchSize` samples and takes one Adam step. `progress` hears the iteration, its loss and the model after the step. Returns the
/// loss of every iteration. Throws what `batch` throws.
public func train(_ model: inout TuckerRegression, settings: RegressionTraining,
                  batch: (Int) throws -> (inputs: Tensor, targets: Tensor),
                  progress: (Int, Double, TuckerRegression) -> Void = { _, _, _ in }) throws -> [Double] {
    var adam = Adam(learningRate: settings.learningRate)
    var losses = [Double]()
    for iteration in 0..<settings.iterations {
        adam.learningRate = settings.learningRate(at: iteration)
        let (inputs, targets) = try batch(settings.batchSize)
        let (loss, gradients) = regressionLoss(model, inputs: inputs, targets: targets, penaltyWeight: settings.penaltyWeight)
        adam.update(&model.parameters, gradients: gradients)
        losses.append(loss)
        progress(iteration + 1, loss, model)
    }
    return losses
}
