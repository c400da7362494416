import Foundation

extension TrainingMetrics {
    /// A few lines for a person: the kept epoch with its validation loss and accuracy, the accuracy of each
    /// class, and the confusion matrix rows.
    public var summaryLines: [String] {
        func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
        let width = classNames.map(\.count).max() ?? 0
        var lines = [
            "kept epoch \(bestEpoch) of \(epochs.count)\(stoppedEarly ? " (stopped early)" : ""): validation accuracy "
                + "\(figure(validationAccuracy)) (balanced \(figure(balancedValidationAccuracy))), loss \(figure(validationLoss))",
            "per-class validation accuracy: "
                + zip(classNames, perClassAccuracy).map { "\($0) \(figure($1))" }.joined(separator: ", "),
            "confusion matrix (rows: true class, columns: predicted):",
        ]
        for (name, row) in zip(classNames, confusionMatrix) {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + row.map { String($0) }.joined(separator: " "))
        }
        return lines
    }
}
