import CommandTestSupport
import Foundation
import Testing
import Trainer

@Suite("Training metrics as JSON")
struct TrainingMetricsTests {
    @Test func metricsRoundTripThroughSortedPrettyJSON() throws {
        let problem = SyntheticProblem.clusters(count: 150, dimension: 4, classes: 3, noise: 0.1, seed: 3)
        let metrics = try train(problem, classes: 3, configuration: TrainingConfiguration(epochs: 4, classWeighting: .uniform)).metrics
        let data = try metrics.jsonData()
        #expect(try TrainingMetrics(jsonData: data) == metrics)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\n  \"balancedValidationAccuracy\" : "))
        let keys = ["balancedValidationAccuracy", "bestEpoch", "classNames", "confusionMatrix", "epochs", "perClassAccuracy"]
            .map { text.range(of: "\n  \"\($0)\"")?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil } && keys.map { $0! } == keys.map { $0! }.sorted(), "keys in sorted order")
    }

    @Test func classWithoutValidationSamplesHasNullAccuracyAndNaNSurvives() throws {
        let metrics = TrainingMetrics(
            classNames: ["a", "b"], epochs: [EpochMetrics(epoch: 1, trainLoss: .nan, trainAccuracy: 0.5,
                                                          validationLoss: .infinity, validationAccuracy: 1)],
            bestEpoch: 1, stoppedEarly: false, trainingClassCounts: [3, 3], validationClassCounts: [2, 0],
            classWeights: nil, validationLoss: 0.1, validationAccuracy: 1, balancedValidationAccuracy: 1,
            perClassAccuracy: [1, nil], confusionMatrix: [[2, 0], [0, 0]])
        let text = String(decoding: try metrics.jsonData(), as: UTF8.self)
        #expect(text.contains("\"perClassAccuracy\" : [\n    1,\n    null\n  ]"))
        #expect(text.contains("\"trainLoss\" : \"nan\""))
        let decoded = try TrainingMetrics(jsonData: Data(text.utf8))
        #expect(decoded.perClassAccuracy == [1, nil])
        #expect(decoded.epochs[0].trainLoss.isNaN && decoded.epochs[0].validationLoss == .infinity)
    }

    @Test func writtenFileDecodes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let problem = SyntheticProblem.clusters(count: 120, dimension: 4, classes: 2, seed: 4)
        let metrics = try train(problem, classes: 2, configuration: TrainingConfiguration(epochs: 2, classWeighting: .uniform)).metrics
        let path = directory.path("metrics/metrics.json")  // the folder is not there yet: writing makes it
        try metrics.writeJSON(to: path)
        #expect(try TrainingMetrics(jsonData: Data(contentsOf: URL(fileURLWithPath: path))) == metrics)
    }
}

@Suite("Training metrics as text")
struct TrainingMetricsTextTests {
    @Test func summaryNamesKeptEpochClassesAndConfusion() {
        let metrics = TrainingMetrics(
            classNames: ["neutral", "smiling"],
            epochs: (1...5).map { EpochMetrics(epoch: $0, trainLoss: 0.5, trainAccuracy: 0.8, validationLoss: 0.6,
                                               validationAccuracy: 0.75) },
            bestEpoch: 3, stoppedEarly: true, trainingClassCounts: [10, 10], validationClassCounts: [4, 4],
            classWeights: nil, validationLoss: 0.6, validationAccuracy: 0.75, balancedValidationAccuracy: 0.75,
            perClassAccuracy: [1, 0.5], confusionMatrix: [[4, 0], [2, 2]])
        #expect(metrics.summaryLines == [
            "kept epoch 3 of 5 (stopped early): validation accuracy 0.750 (majority class 0.500), balanced 0.750 (chance 0.500), loss 0.600",
            "per-class validation accuracy: neutral 1.000, smiling 0.500",
            "samples per class (train/validation): neutral 10/4, smiling 10/4",
            "confusion matrix (rows: true class, columns: predicted):",
            "  neutral  4 0",
            "  smiling  2 2",
        ])
    }

    @Test func smallClassesAreFlaggedWithTheirInterval() {
        let metrics = TrainingMetrics(
            classNames: ["no", "yes"], epochs: [EpochMetrics(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, validationLoss: 0.6,
                                                               validationAccuracy: 0.9)],
            bestEpoch: 1, stoppedEarly: false, trainingClassCounts: [120, 7], validationClassCounts: [52, 3],
            classWeights: nil, validationLoss: 0.6, validationAccuracy: 0.9, balancedValidationAccuracy: 0.9,
            perClassAccuracy: [0.9, 1], confusionMatrix: [[47, 5], [0, 3]])
        // The case: 3 validation positives, all right, said "yes 1.000" and nothing else.
        #expect(metrics.smallClassWarnings == [
            "warning: class 'yes' has only 3 validation samples (7 for training): its accuracy 1.000 could be anywhere in 0.44-1.00 (95%); label more of it",
        ])
    }
}
