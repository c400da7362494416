import Foundation
import Generator
import NumericCore

/// A training run in progress: the model, both optimisers and the number of steps taken. Each step draws its
/// batch from `configuration.stepRandom(step)`, so the state here is all a resumed run needs.
public struct ManifoldTrainer: Sendable {
    /// The run's configuration (`steps` is where `run` stops).
    public var configuration: ManifoldConfiguration
    /// T, R and the centres.
    public internal(set) var model: ManifoldModel
    /// Adam for T.
    public internal(set) var transformOptimizer: Adam
    /// Adam for R.
    public internal(set) var reconstructorOptimizer: Adam
    /// Steps taken.
    public internal(set) var step: Int
    /// The frozen generator.
    public let generator: any LatentGenerator

    /// A fresh run; throws if the generator cannot render or the configuration is invalid.
    public init(configuration: ManifoldConfiguration, generator: any LatentGenerator) throws {
        if let problem = configuration.problem { throw ManifoldError.invalidConfiguration(problem) }
        guard generator.canRender, let shape = generator.imageShape else {
            throw GeneratorError.cannotRender(identifier: generator.identifier)
        }
        self.configuration = configuration
        self.generator = generator
        model = ManifoldModel(configuration: configuration, latentDimension: generator.latentDimension, imageShape: shape)
        transformOptimizer = Adam(learningRate: configuration.transformLearningRate)
        reconstructorOptimizer = Adam(learningRate: configuration.reconstructorLearningRate)
        step = 0
    }

    /// One step: render the batch's pairs, compute the loss and its gradients through R, G and T, update both
    /// with Adam (and the centres, for the center loss). Returns the batch's losses before the update.
    public mutating func trainStep() throws -> PairLosses {
        let batch = try configuration.trainingBatch(step: step, generator: generator)
        let result = try evaluateLoss(batch, model: model, generator: generator, configuration: configuration,
                                      gradients: true)
        var t = model.transform.parameters
        transformOptimizer.update(&t, gradients: result.transformGradients)
        model.transform.parameters = t
        var r = model.reconstructor.parameters
        reconstructorOptimizer.update(&r, gradients: result.reconstructorGradients)
        model.reconstructor.parameters = r
        if let centres = model.centres {
            model.centres = updatedCentres(centres, embeddings: result.embeddings, labels: batch.directions)
        }
        step += 1
        guard result.losses.total.isFinite else { throw ManifoldError.diverged(step: step) }
        return result.losses
    }

    /// Trains until `configuration.steps`, calling `progress` after every step and `checkpoint` whenever
    /// `checkpointInterval` seconds have passed since the last one, and once at the end.
    public mutating func run(checkpointInterval: TimeInterval, checkpoint: (ManifoldTrainer) throws -> Void,
                             progress: (Int, PairLosses) -> Void) throws {
        var last = Date()
        while step < configuration.steps {
            let losses = try trainStep()
            progress(step, losses)
            if Date().timeIntervalSince(last) >= checkpointInterval && step < configuration.steps {
                try checkpoint(self)
                last = Date()
            }
        }
        try checkpoint(self)
    }
}

/// Problems of a manifold-discovery run, one line each.
public enum ManifoldError: Error, CustomStringConvertible, Equatable {
    /// A configuration value out of range.
    case invalidConfiguration(String)
    /// The loss became NaN or infinite.
    case diverged(step: Int)

    /// One line for a person.
    public var description: String {
        switch self {
        case .invalidConfiguration(let problem): return problem
        case .diverged(let step): return "training diverged at step \(step) (the loss is not finite); lower the learning rates"
        }
    }
}
