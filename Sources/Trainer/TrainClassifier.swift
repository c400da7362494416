import Diagnostics
import Foundation
import LatentClassifier
import NumericCore

/// A trained classifier with the record of its training.
public struct TrainingResult: Sendable {
    /// The classifier with the weights of the kept (best validation) epoch.
    public let classifier: MLPClassifier
    /// Every epoch's figures and the kept epoch's validation results.
    public let metrics: TrainingMetrics
    /// The configuration it was trained with.
    public let configuration: TrainingConfiguration
}

/// The most training rows each epoch's training loss and accuracy are measured on (evenly spaced through the
/// split): enough for the curves, and a fraction of an epoch's cost on large datasets.
public let trainingFigureRows = 4000

/// Trains a classifier of `architecture` on the rows `trainIndices` of `latents` `[N, D]` with `labels`
/// (one per row, in `0..<classCount`) using Adam on mini-batches in an order fixed by the seed, evaluates the
/// rows `validationIndices` after every epoch, stops early when the validation result has not improved for
/// `patience` epochs, and returns the classifier of the best validation epoch (see `CheckpointCriterion`).
/// Shows a progress line per epoch on standard error. With `softTargets` (indexed like `latents`) the loss
/// fits them instead of the labels, which still decide accuracy and the kept epoch. Throws a
/// `TrainingInputError` for unusable inputs.
public func trainClassifier(latents: Tensor, labels: [Int], trainIndices: [Int], validationIndices: [Int],
                            architecture: ClassifierArchitecture,
                            configuration: TrainingConfiguration = TrainingConfiguration(),
                            classNames: [String], softTargets: SoftTargets? = nil) throws -> TrainingResult {
    try validateTrainingInputs(latents: latents, labels: labels, trainIndices: trainIndices,
                               validationIndices: validationIndices, architecture: architecture,
                               configuration: configuration, classNames: classNames)
    if let problem = softTargets?.problem(for: architecture, sampleCount: latents.shape[0]) {
        throw TrainingInputError.invalidSoftTargets(problem)
    }
    let trainLatents = latents.gathering(rows: trainIndices)
    let trainLabels = trainIndices.map { labels[$0] }
    let validationLatents = latents.gathering(rows: validationIndices)
    let validationLabels = validationIndices.map { labels[$0] }
    let standardization = configuration.standardizeInputs
        ? InputStandardization(fittedTo: trainLatents) : .identity(architecture.inputDimension)
    let trainInputs = standardization.apply(trainLatents)
    // The training figures of each epoch come from evenly spaced training rows, at most `trainingFigureRows`.
    let spacing = max(1, (trainIndices.count + trainingFigureRows - 1) / trainingFigureRows)
    let figureRows = Array(stride(from: 0, to: trainIndices.count, by: spacing))
    let figureLatents = trainLatents.gathering(rows: figureRows)
    let figureLabels = figureRows.map { trainLabels[$0] }
    let weights = classWeights(configuration.classWeighting, trainingLabels: trainLabels,
                               classCount: architecture.classCount)

    var random = RandomSource(seed: configuration.seed)
    var optimizer = ClassifierOptimizer(
        classifier: MLPClassifier(architecture: architecture, standardization: standardization, random: &random),
        configuration: configuration, classWeights: weights)
    var tracker = BestEpochTracker(criterion: configuration.criterion)
    var best: (classifier: MLPClassifier, evaluation: SplitEvaluation)?
    var epochs = [EpochMetrics]()
    let progress = Progress("train \(architecture.summary)", total: configuration.epochs)
    for epoch in 1...configuration.epochs {
        let order = random.permutation(trainIndices.count)
        for start in stride(from: 0, to: order.count, by: configuration.batchSize) {
            let rows = Array(order[start..<min(start + configuration.batchSize, order.count)])
            optimizer.step(inputs: trainInputs.gathering(rows: rows), labels: rows.map { trainLabels[$0] },
                           targets: softTargets?.rows(rows.map { trainIndices[$0] }) ?? .labels)
        }
        let classifier = optimizer.classifier
        let train = SplitEvaluation(classifier: classifier, latents: figureLatents, labels: figureLabels,
                                    classWeights: weights)
        let validation = SplitEvaluation(classifier: classifier, latents: validationLatents, labels: validationLabels,
                                         classWeights: weights)
        epochs.append(EpochMetrics(epoch: epoch, trainLoss: train.loss, trainAccuracy: train.accuracy,
                                   validationLoss: validation.loss, validationAccuracy: validation.accuracy))
        if tracker.record(epoch: epoch, accuracy: validation.accuracy, loss: validation.loss) {
            best = (classifier, validation)
        }
        progress.update(epoch, status: epochs[epochs.count - 1].progressStatus)
        if tracker.patienceExhausted(after: epoch, patience: configuration.patience) { break }
    }
    progress.finish()

    let kept = best!
    let metrics = TrainingMetrics(
        classNames: classNames, epochs: epochs, bestEpoch: tracker.bestEpoch,
        stoppedEarly: epochs.count < configuration.epochs,
        trainingClassCounts: classCounts(trainLabels, classCount: architecture.classCount),
        validationClassCounts: classCounts(validationLabels, classCount: architecture.classCount),
        classWeights: weights, validationLoss: kept.evaluation.loss, validationAccuracy: kept.evaluation.accuracy,
        balancedValidationAccuracy: kept.evaluation.balancedAccuracy,
        perClassAccuracy: kept.evaluation.perClassAccuracy, confusionMatrix: kept.evaluation.confusionMatrix)
    return TrainingResult(classifier: kept.classifier, metrics: metrics, configuration: configuration)
}

extension EpochMetrics {
    /// A short status for the progress line.
    fileprivate var progressStatus: String {
        String(format: "loss %.3f/%.3f, accuracy %.3f/%.3f (train/validation)",
               trainLoss, validationLoss, trainAccuracy, validationAccuracy)
    }
}
