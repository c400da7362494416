import FileStorage
import Foundation

/// The losses and accuracies after one training epoch, with the weights at its end.
public struct EpochMetrics: Codable, Sendable, Equatable {
    /// The epoch, from 1.
    public var epoch: Int
    /// The mean loss on the training split (at most `trainingFigureRows` of its rows, evenly spaced).
    public var trainLoss: Double
    /// The accuracy on the training split (the same rows).
    public var trainAccuracy: Double
    /// The mean loss on the validation split.
    public var validationLoss: Double
    /// The accuracy on the validation split.
    public var validationAccuracy: Double

    /// Bundles one epoch's figures.
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double, validationAccuracy: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
    }
}

/// The record of one training run: every epoch's figures and the kept (best) epoch's validation results.
public struct TrainingMetrics: Codable, Sendable, Equatable {
    /// The class names, indexed by label.
    public var classNames: [String]
    /// The figures of every epoch run, in order.
    public var epochs: [EpochMetrics]
    /// The kept epoch (1-based), whose weights the trained classifier has.
    public var bestEpoch: Int
    /// Whether training stopped before the configured number of epochs for lack of improvement.
    public var stoppedEarly: Bool
    /// Samples per class in the training split.
    public var trainingClassCounts: [Int]
    /// Samples per class in the validation split.
    public var validationClassCounts: [Int]
    /// The baseline beside the validation accuracy: the share of the validation split in its most common class,
    /// which always answering that class reaches (balanced accuracy's baseline is 1 / the class count). Absent in
    /// metrics written before it was recorded.
    public var validationMajorityRate: Double?
    /// The per-class loss weights used, or `nil` for uniform weighting.
    public var classWeights: [Float]?
    /// The kept classifier's validation loss.
    public var validationLoss: Double
    /// The kept classifier's validation accuracy.
    public var validationAccuracy: Double
    /// The mean of the per-class validation accuracies.
    public var balancedValidationAccuracy: Double
    /// Per class, the kept classifier's validation recall; `nil` for a class without validation samples.
    public var perClassAccuracy: [Double?]
    /// The kept classifier's validation counts, indexed `[true class][predicted class]`.
    public var confusionMatrix: [[Int]]

    /// Bundles a run's figures.
    public init(classNames: [String], epochs: [EpochMetrics], bestEpoch: Int, stoppedEarly: Bool,
                trainingClassCounts: [Int], validationClassCounts: [Int], classWeights: [Float]?,
                validationLoss: Double, validationAccuracy: Double, balancedValidationAccuracy: Double,
                perClassAccuracy: [Double?], confusionMatrix: [[Int]]) {
        self.classNames = classNames
        self.epochs = epochs
        let validationTotal = validationClassCounts.reduce(0, +)
        self.validationMajorityRate = validationTotal > 0 ? Double(validationClassCounts.max()!) / Double(validationTotal) : nil
        self.bestEpoch = bestEpoch
        self.stoppedEarly = stoppedEarly
        self.trainingClassCounts = trainingClassCounts
        self.validationClassCounts = validationClassCounts
        self.classWeights = classWeights
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.balancedValidationAccuracy = balancedValidationAccuracy
        self.perClassAccuracy = perClassAccuracy
        self.confusionMatrix = confusionMatrix
    }

    /// Pretty-printed JSON with sorted keys; NaN and infinities are written as the strings "nan", "inf", "-inf".
    public func jsonData() throws -> Data {
        try trainerJSONEncoder(pretty: true).encode(self)
    }

    /// Writes `jsonData()` to `path` atomically.
    public func writeJSON(to path: String) throws {
        try writeAtomically(jsonData(), to: path)
    }
}

extension TrainingMetrics {
    /// Metrics decoded from `jsonData()`'s format.
    public init(jsonData data: Data) throws {
        self = try trainerJSONDecoder().decode(TrainingMetrics.self, from: data)
    }
}
