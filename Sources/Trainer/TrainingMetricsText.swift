import Foundation

extension TrainingMetrics {
    /// A few lines for a person: the kept epoch with its validation loss and accuracy (beside the majority-class rate
    /// and chance), the accuracy of each
    /// class, and the confusion matrix rows.
    public var summaryLines: [String] {
        func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
        let width = classNames.map(\.count).max() ?? 0
        var lines = [
            "kept epoch \(bestEpoch) of \(epochs.count)\(stoppedEarly ? " (stopped early)" : ""): validation accuracy "
                + "\(figure(validationAccuracy)) (majority class \(figure(validationMajorityRate))), balanced "
                + "\(figure(balancedValidationAccuracy)) (chance \(figure(1 / Double(max(1, classNames.count))))), loss \(figure(validationLoss))",
            "per-class validation accuracy: "
                + zip(classNames, perClassAccuracy).map { "\($0) \(figure($1))" }.joined(separator: ", "),
            "samples per class (train/validation): "
                + classNames.indices.map { "\(classNames[$0]) \(trainingClassCounts[$0])/\(validationClassCounts[$0])" }
                    .joined(separator: ", "),
            "confusion matrix (rows: true class, columns: predicted):",
        ]
        for (name, row) in zip(classNames, confusionMatrix) {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + row.map { String($0) }.joined(separator: " "))
        }
        return lines
    }

    /// Fewer validation samples than this make a class's validation figure untrustworthy: with 20, the 95%
    /// interval of an accuracy of 0.8 is still about ±0.18 wide.
    public static let trustworthyValidationCount = 20

    /// One warning per class with fewer than `trustworthyValidationCount` validation samples, saying how few
    /// and what its figure could really be (the 95% Wilson interval); empty when every class has enough.
    public var smallClassWarnings: [String] {
        classNames.indices.compactMap { c in
            let n = validationClassCounts[c]
            guard n < Self.trustworthyValidationCount else { return nil }
            guard n > 0, let accuracy = perClassAccuracy[c] else {
                return "warning: class '\(classNames[c])' has no validation samples (\(trainingClassCounts[c]) for training): nothing says how well it is recognised; label more of it"
            }
            let (low, high) = wilsonInterval(successes: accuracy * Double(n), trials: n)
            return String(format: "warning: class '%@' has only %d validation samples (%d for training): its accuracy %.3f could be anywhere in %.2f-%.2f (95%%); label more of it",
                          classNames[c], n, trainingClassCounts[c], accuracy, low, high)
        }
    }
}

/// The 95% Wilson score interval of a proportion of `successes` in `trials` (trials > 0).
func wilsonInterval(successes: Double, trials: Int) -> (low: Double, high: Double) {
    let n = Double(trials), z = 1.959964
    let p = successes / n
    let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    let half = z * ((p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()) / (1 + z * z / n)
    return (max(0, centre - half), min(1, centre + half))
}
