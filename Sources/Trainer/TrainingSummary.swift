/// The short record of a training run stored with a classifier.
public struct TrainingSummary: Codable, Sendable, Equatable {
    /// The kept epoch (1-based).
    public var bestEpoch: Int
    /// How many epochs ran.
    public var epochsRun: Int
    /// Whether training stopped early.
    public var stoppedEarly: Bool
    /// Training samples.
    public var trainingCount: Int
    /// Validation samples.
    public var validationCount: Int
    /// The kept classifier's validation loss.
    public var validationLoss: Double
    /// The kept classifier's validation accuracy.
    public var validationAccuracy: Double
    /// The mean of the per-class validation accuracies.
    public var balancedValidationAccuracy: Double
    /// Per class, the validation recall; `nil` for a class without validation samples.
    public var perClassAccuracy: [Double?]
    /// Validation counts `[true class][predicted class]`.
    public var confusionMatrix: [[Int]]
}

extension TrainingMetrics {
    /// The figures a classifier checkpoint keeps: the kept epoch's validation results and the split sizes.
    public var summary: TrainingSummary {
        TrainingSummary(bestEpoch: bestEpoch, epochsRun: epochs.count, stoppedEarly: stoppedEarly,
                        trainingCount: trainingClassCounts.reduce(0, +),
                        validationCount: validationClassCounts.reduce(0, +), validationLoss: validationLoss,
                        validationAccuracy: validationAccuracy, balancedValidationAccuracy: balancedValidationAccuracy,
                        perClassAccuracy: perClassAccuracy, confusionMatrix: confusionMatrix)
    }
}
