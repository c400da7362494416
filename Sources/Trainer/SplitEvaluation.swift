import LatentClassifier
import NumericCore

/// A classifier's loss, accuracy and confusion matrix on one labelled set of latents.
public struct SplitEvaluation: Sendable, Equatable {
    /// The (class-weighted) mean loss.
    public var loss: Double
    /// The fraction of samples whose most probable class is their label.
    public var accuracy: Double
    /// Counts indexed `[true class][predicted class]`.
    public var confusionMatrix: [[Int]]

    /// Evaluates `classifier` on `latents` `[N, D]` with `labels`, weighting the loss by `classWeights`.
    public init(classifier: MLPClassifier, latents: Tensor, labels: [Int], classWeights: [Float]?) {
        let logits = classifier.logits(latents)
        loss = Double(classifierLoss(logits: logits, labels: labels, head: classifier.architecture.head,
                                     classWeights: classWeights).value)
        let classes = classifier.architecture.classCount
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (label, predicted) in zip(labels, classifier.predictedClasses(fromLogits: logits)) {
            confusion[label][predicted] += 1
        }
        confusionMatrix = confusion
        let correct = (0..<classes).reduce(0) { $0 + confusion[$1][$1] }
        accuracy = labels.isEmpty ? 0 : Double(correct) / Double(labels.count)
    }

    /// Per class, the fraction of its samples predicted as it (recall); `nil` for a class with no sample.
    public var perClassAccuracy: [Double?] {
        confusionMatrix.enumerated().map { index, row in
            let total = row.reduce(0, +)
            return total == 0 ? nil : Double(row[index]) / Double(total)
        }
    }

    /// The mean of the per-class accuracies over the classes that have samples.
    public var balancedAccuracy: Double {
        let recalls = perClassAccuracy.compactMap { $0 }
        return recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
    }
}
