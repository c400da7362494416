import LatentClassifier
import NumericCore
import Testing
import Trainer

/// Trains on `problem` with `configuration`, a 16-unit hidden layer, and generic class names.
func train(_ problem: SyntheticProblem, classes: Int, configuration: TrainingConfiguration) throws -> TrainingResult {
    try trainClassifier(latents: problem.latents, labels: problem.labels, trainIndices: problem.trainIndices,
                        validationIndices: problem.validationIndices,
                        architecture: ClassifierArchitecture(inputDimension: problem.latents.shape[1],
                                                             classCount: classes),
                        configuration: configuration, classNames: (0..<classes).map { "class\($0)" })
}

@Suite("Training latent classifiers")
struct TrainingTests {
    @Test(arguments: [2, 4])
    func separableProblemIsLearned(classes: Int) throws {
        let problem = SyntheticProblem.clusters(count: 600, dimension: 8, classes: classes, scale: 3, offset: 5,
                                                seed: UInt64(classes))
        let result = try train(problem, classes: classes, configuration: TrainingConfiguration(epochs: 30, classWeighting: .uniform))
        #expect(result.metrics.validationAccuracy > 0.95)
        #expect(result.classifier.architecture.head == (classes == 2 ? .sigmoid : .softmax))
        let validation = problem.latents.gathering(rows: problem.validationIndices)
        let predicted = result.classifier.predict(validation)
        let correct = zip(predicted, problem.validationIndices.map { problem.labels[$0] }).filter { $0 == $1 }.count
        #expect(Double(correct) / Double(predicted.count) == result.metrics.validationAccuracy)
        #expect(result.metrics.confusionMatrix.flatMap { $0 }.reduce(0, +) == problem.validationIndices.count)
        #expect(result.metrics.validationClassCounts == result.metrics.confusionMatrix.map { $0.reduce(0, +) })
        // Standardisation is fitted on the training split: the channels without a class centre have scale 3
        // around 5.
        let standardization = result.classifier.standardization
        #expect(standardization.mean[classes...].allSatisfy { abs($0 - 5) < 0.5 })
        #expect(standardization.deviation[classes...].allSatisfy { abs($0 - 3) < 0.5 })
    }

    @Test func sameSeedGivesIdenticalWeightsAndOtherSeedDiffers() throws {
        let problem = SyntheticProblem.clusters(count: 300, dimension: 6, classes: 3, noise: 0.1, seed: 11)
        let configuration = TrainingConfiguration(epochs: 8, classWeighting: .uniform, seed: 42)
        let first = try train(problem, classes: 3, configuration: configuration)
        let second = try train(problem, classes: 3, configuration: configuration)
        #expect(first.classifier.parameters == second.classifier.parameters)
        #expect(first.metrics == second.metrics)
        var other = configuration
        other.seed = 43
        let third = try train(problem, classes: 3, configuration: other)
        #expect(third.classifier.parameters != first.classifier.parameters)
    }

    @Test(arguments: [CheckpointCriterion.validationAccuracy, .validationLoss])
    func returnedModelIsTheBestRecordedEpoch(criterion: CheckpointCriterion) throws {
        // Noisy labels and a high learning rate make the validation figures wander between epochs.
        let problem = SyntheticProblem.clusters(count: 240, dimension: 10, classes: 2, noise: 0.35, seed: 5)
        let result = try train(problem, classes: 2, configuration: TrainingConfiguration(
            learningRate: 0.02, epochs: 25, patience: nil, classWeighting: .uniform, criterion: criterion))
        let epochs = result.metrics.epochs
        #expect(epochs.count == 25 && !result.metrics.stoppedEarly)
        let best = epochs[result.metrics.bestEpoch - 1]
        switch criterion {
        case .validationAccuracy:
            #expect(best.validationAccuracy == epochs.map(\.validationAccuracy).max())
        case .validationLoss:
            #expect(best.validationLoss == epochs.map(\.validationLoss).min())
        }
        #expect(result.metrics.bestEpoch < 25, "the test needs a best epoch before the last")
        let evaluation = SplitEvaluation(classifier: result.classifier,
                                         latents: problem.latents.gathering(rows: problem.validationIndices),
                                         labels: problem.validationIndices.map { problem.labels[$0] }, classWeights: nil)
        #expect(evaluation.accuracy == best.validationAccuracy)
        #expect(evaluation.loss == best.validationLoss)
        #expect(result.metrics.validationAccuracy == best.validationAccuracy)
    }

    @Test func earlyStoppingWaitsPatienceEpochsAfterTheBest() throws {
        let problem = SyntheticProblem.clusters(count: 240, dimension: 10, classes: 2, noise: 0.35, seed: 6)
        let result = try train(problem, classes: 2, configuration: TrainingConfiguration(
            learningRate: 0.02, epochs: 200, patience: 4, classWeighting: .uniform))
        #expect(result.metrics.stoppedEarly)
        #expect(result.metrics.epochs.count == result.metrics.bestEpoch + 4)
    }

    @Test func balancedClassWeightsAreInverseFrequencyAndChangeTheLoss() throws {
        #expect(classWeights(.balanced, trainingLabels: [0, 0, 0, 1, 2, 2], classCount: 4) == [0.5, 1.5, 0.75, 1])
        #expect(classWeights(.uniform, trainingLabels: [0, 1], classCount: 2) == nil)
        #expect(classWeights(.explicit([1, 3]), trainingLabels: [0, 1], classCount: 2) == [1, 3])

        var problem = SyntheticProblem.clusters(count: 300, dimension: 6, classes: 2, noise: 0.2, seed: 8)
        // Make class 1 rare: relabel most of it as class 0.
        for (row, label) in problem.labels.enumerated() where label == 1 && row % 4 != 0 { problem.labels[row] = 0 }
        let uniform = try train(problem, classes: 2, configuration: TrainingConfiguration(epochs: 3, classWeighting: .uniform))
        let balanced = try train(problem, classes: 2, configuration: TrainingConfiguration(
            epochs: 3, classWeighting: .balanced))
        let weights = try #require(balanced.metrics.classWeights)
        #expect(weights[1] > 2 * weights[0])
        #expect(uniform.metrics.classWeights == nil)
        #expect(uniform.metrics.epochs[0].trainLoss != balanced.metrics.epochs[0].trainLoss)
        // Weighting the rare class more raises its recall.
        #expect(balanced.metrics.perClassAccuracy[1]! > uniform.metrics.perClassAccuracy[1]!)
    }

    @Test(arguments: [ClassifierHead.sigmoid, .softmax])
    func classWeightsWeighTheLossPerSample(head: ClassifierHead) {
        let logits = head == .sigmoid ? Tensor(shape: [3, 1], storage: [0.5, -1, 2])
            : Tensor(shape: [3, 2], storage: [0.5, 0, -1, 0, 2, 0])
        let labels = [0, 1, 1]
        let plain = classifierLoss(logits: logits, labels: labels, head: head, classWeights: nil)
        let weighted = classifierLoss(logits: logits, labels: labels, head: head, classWeights: [3, 1])
        // Weighted mean: (3·l0 + l1 + l2) / 5, from the per-sample losses of the unweighted call.
        let perSample = (0..<3).map {
            classifierLoss(logits: logits.rows($0..<($0 + 1)), labels: [labels[$0]], head: head, classWeights: nil).value
        }
        #expect(abs(plain.value - perSample.reduce(0, +) / 3) < 1e-6)
        #expect(abs(weighted.value - (3 * perSample[0] + perSample[1] + perSample[2]) / 5) < 1e-6)
    }
}
