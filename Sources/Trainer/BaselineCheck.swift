import Dataset

/// How far above chance a target's held-out balanced accuracy must be for its bundle to be exported: this share of
/// the way from chance (1 / classes) to perfect. For a binary attribute that is 0.55, for five classes 0.28.
public let minimumGainOverChance = 0.1

/// The labels per class a dataset should have before a classifier's figures mean much; the refusal says how many
/// more of each class would reach it.
public let suggestedLabelsPerClass = 50

/// A target no better than its baseline: not exported unless forced (`TrainAndExportOptions.force`).
public struct BelowBaselineError: Error, CustomStringConvertible {
    /// One line: the figures, the labels per class, and the labels that would help.
    public let description: String

    /// The error saying `description`.
    public init(description: String) { self.description = description }
}

/// The held-out samples every class needs before the target's figures can be trusted: with fewer, the export stops too
/// (a class the classifier was hardly checked on).
public let minimumHeldOutPerClass = 5

/// Nil when `target`'s held-out balanced accuracy beats its baseline by `minimumGainOverChance` and every class has at
/// least `minimumHeldOutPerClass` held-out samples; otherwise one line saying which, with the baseline, the labels
/// each class has in `dataset`, and how many more of which class would bring every class to `suggestedLabelsPerClass`.
public func belowBaselineProblem(_ target: TrainedAttribute, in dataset: LabelledDataset) -> String? {
    let classes = target.attribute.classes
    let chance = 1 / Double(classes.count)
    let floor = chance + (1 - chance) * minimumGainOverChance
    let balanced = target.heldOutEvaluation.balancedAccuracy
    let perClass = target.heldOutEvaluation.confusionMatrix.map { $0.reduce(0, +) }
    let thin = zip(classes, perClass).filter { $1 < minimumHeldOutPerClass }
    guard balanced <= floor || !thin.isEmpty else { return nil }
    let column = (try? dataset.attributeIndex(target.attribute.name)).map { dataset.labels[$0] } ?? []
    let counts = classes.indices.map { c in column.filter { $0 == c }.count }
    let have = zip(classes, counts).map { "'\($0)' \($1)" }.joined(separator: ", ")
    let wanted = zip(classes, counts).filter { $1 < suggestedLabelsPerClass }
        .map { "\(suggestedLabelsPerClass - $1) more '\($0)'" }
    let figures = String(format: "held-out balanced accuracy %.3f (%d samples; chance %.3f, majority class %.3f; at least %.3f is needed)",
                         balanced, perClass.reduce(0, +), chance, target.heldOutMajorityRate, floor)
    let why = thin.isEmpty
        ? "\(figures) is no better than its baseline"
        : "too few held-out samples to trust its figures (\(thin.map { "'\($0)' \($1)" }.joined(separator: ", ")); \(minimumHeldOutPerClass) of each class are needed); \(figures)"
    return "\(target.attribute.name): \(why); labels per class: \(have)"
        + (wanted.isEmpty ? "; label more of the classes it confuses" : "; \(wanted.joined(separator: " and ")) would bring every class to \(suggestedLabelsPerClass)")
}
