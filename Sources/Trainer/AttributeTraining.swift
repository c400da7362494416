import Dataset
import Diagnostics
import LatentClassifier
import NumericCore

/// What a classifier learns from: the attribute's continuous scores where the dataset has them, or its labels.
public enum TargetChoice: String, Sendable, CaseIterable {
    /// A labeller's scores where the attribute has them (a binary margin is regressed by the logit, per-class
    /// probabilities are fitted by soft-label cross-entropy); hard labels for attributes without scores.
    case soft
    /// Hard labels only (GradCtrl's training).
    case hard
}

/// How every attribute's classifier is trained: its hidden layers, its targets, which samples it learns
/// from, and the optimiser's configuration.
public struct AttributeTrainingOptions: Sendable {
    /// Hidden layer widths; nil chooses among `hiddenGrid` by validation accuracy.
    public var hidden: [Int]?
    /// The candidate hidden layers when `hidden` is nil, smallest first (ties go to the smaller).
    public var hiddenGrid: [[Int]]
    /// Soft (scores) or hard (labels) targets.
    public var targets: TargetChoice
    /// Which labelled samples take part, and the validation split.
    public var split: SplitOptions
    /// Optimiser, epochs, early stopping, class weighting, seed.
    public var training: TrainingConfiguration

    /// The candidate widths the main job chooses from for the protected attributes: GradCtrl's 16, a wider
    /// layer, and two layers of 256.
    public static let defaultHiddenGrid: [[Int]] = [ClassifierArchitecture.gradCtrlHidden, [64], [256, 256]]
    /// The target attribute's hidden layers when `hidden` is nil: GradCtrl's one layer of 16. Its gradient is
    /// the edit direction, and wider targets, although more accurate, move fewer latents into the class in
    /// the images (color → green, 200 latents, 9 × 0.75: 97% at 16, 80.5% at 64, 73% at 256,256; README).
    public static let defaultTargetHidden = ClassifierArchitecture.gradCtrlHidden

    /// Options with the main job's defaults: soft targets, the hidden layers chosen from the default grid.
    public init(hidden: [Int]? = nil, hiddenGrid: [[Int]] = defaultHiddenGrid, targets: TargetChoice = .soft,
                split: SplitOptions = SplitOptions(), training: TrainingConfiguration = TrainingConfiguration()) {
        self.hidden = hidden
        self.hiddenGrid = hiddenGrid
        self.targets = targets
        self.split = split
        self.training = training
    }

    /// The Trainer's defaults with `seed` fixing the split and the training: GradCtrl's classifier (one hidden
    /// layer of 16), every labelled sample with 30% of each class held out for validation, balanced class
    /// weights. The one source of the training defaults for the commands, the jobs and the evaluation.
    public init(seed: UInt64) {
        self.init(split: SplitOptions(seed: seed), training: TrainingConfiguration(seed: seed))
    }
}

/// A trained attribute classifier with the split it was trained on and its held-out accuracy.
public struct TrainedAttribute: Sendable {
    /// The attribute as the dataset describes it.
    public let attribute: Attribute
    /// The classifier and its metrics (validation: the half of the held-back samples that chose the epoch
    /// and the width).
    public let result: TrainingResult
    /// The training and validation samples (validation: both halves).
    public let split: TrainingSplit
    /// Held-back samples no choice was made on (every second validation sample).
    public let heldOut: [Int]
    /// The kept classifier on `heldOut`.
    public let heldOutEvaluation: SplitEvaluation
    /// The baseline beside the held-out accuracy: the share of `heldOut` in its most common class, which always
    /// answering that class reaches (balanced accuracy's baseline is 1 / class count).
    public let heldOutMajorityRate: Double
    /// What the loss fitted: `labels`, `soft-label cross-entropy` or `margin regression`.
    public let lossName: String
    /// Each candidate's hidden widths and validation accuracy, in grid order (one entry when given).
    public let candidates: [(hidden: [Int], validationAccuracy: Double)]
}

/// The classifier shape for `attribute`: a softmax head of K classes when `multiclass` is K, a sigmoid head
/// for a binary attribute without it. Throws when K does not match the attribute's class count, or when a
/// multiclass attribute is asked for without `multiclass`.
public func classifierArchitecture(for attribute: Attribute, dimension: Int, multiclass: Int?,
                                   hidden: [Int]) throws -> ClassifierArchitecture {
    let classes = attribute.classes.count
    if let multiclass {
        guard multiclass == classes else {
            throw ArgumentError(.multiclass, "\(multiclass) does not match attribute '\(attribute.name)', which has \(classes) classes (\(attribute.classes.joined(separator: ", ")))")
        }
        return ClassifierArchitecture(inputDimension: dimension, hidden: hidden, classCount: classes, head: .softmax)
    }
    guard classes == 2 else {
        throw ArgumentError(.multiclass, "attribute '\(attribute.name)' has \(classes) classes (\(attribute.classes.joined(separator: ", "))): give the class count \(classes)")
    }
    return ClassifierArchitecture(inputDimension: dimension, hidden: hidden, classCount: 2, head: .sigmoid)
}

/// Trains the classifier of attribute `name` on `dataset`: the labelled samples split as `options` says, the
/// held-back samples halved into a validation half (kept epoch, width) and a held-out half (reported only);
/// the attribute's scores as soft targets when `options.targets` is `soft` and it has them; every width of
/// the grid unless `options.hidden` is given, keeping the best validation accuracy. The optimiser's
/// configuration is fitted to the training split's size (`TrainingConfiguration.fitted`): a small hand-labelled
/// set trains in batches no larger than itself, for enough steps.
///
/// `extraTrainingRows` (rows with the dataset's attributes, such as path augmentation's) join the training
/// split only: validation and the held-out figures stay on the dataset's own samples.
public func trainAttribute(_ name: String, in dataset: LabelledDataset, multiclass: Int?,
                           options: AttributeTrainingOptions,
                           extraTrainingRows extra: LabelledDataset? = nil) throws -> TrainedAttribute {
    let attribute = try dataset.attribute(named: name)
    let split = try dataset.trainingSplit(attribute: name, options: options.split)
    let validation = split.validation.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let heldOut = split.validation.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    var labels = split.labels(sampleCount: dataset.count)
    var train = split.train
    var rows = dataset
    if let extra, extra.count > 0 {
        let column = try extra.attributeIndex(name)
        guard extra.labels[column].allSatisfy({ $0 != nil }) else { throw JobError("extra training rows of '\(name)' must all be labelled") }
        rows = try dataset.appending(extra)
        labels += extra.labels[column].map { $0! }
        train += Array(dataset.count..<rows.count)
    }
    let soft = options.targets == .soft ? softTargets(of: attribute, in: rows, trainIndices: train) : nil
    let configuration = options.training.fitted(toTrainingCount: train.count)
    var best: (result: TrainingResult, accuracy: Double)?
    var candidates = [(hidden: [Int], validationAccuracy: Double)]()
    for hidden in options.hidden.map({ [$0] }) ?? options.hiddenGrid {
        let architecture = try classifierArchitecture(for: attribute, dimension: dataset.latents.shape[1],
                                                      multiclass: multiclass, hidden: hidden)
        let result = try trainClassifier(latents: rows.latents, labels: labels, trainIndices: train,
                                         validationIndices: validation, architecture: architecture,
                                         configuration: configuration, classNames: attribute.classes,
                                         softTargets: soft)
        let accuracy = result.metrics.validationAccuracy
        candidates.append((hidden, accuracy))
        if best == nil || accuracy > best!.accuracy { best = (result, accuracy) }
    }
    let kept = best!.result
    let heldOutLatents = dataset.latents.gathering(rows: heldOut)
    let evaluation = SplitEvaluation(classifier: kept.classifier, latents: heldOutLatents,
                                     labels: heldOut.map { labels[$0] }, classWeights: nil)
    let heldOutLabels = heldOut.compactMap { labels[$0] }
    let majority = Dictionary(grouping: heldOutLabels, by: { $0 }).values.map(\.count).max() ?? 0
    return TrainedAttribute(attribute: attribute, result: kept, split: split, heldOut: heldOut,
                            heldOutEvaluation: evaluation,
                            heldOutMajorityRate: heldOutLabels.isEmpty ? 0 : Double(majority) / Double(heldOutLabels.count),
                            lossName: soft?.lossName ?? "labels", candidates: candidates)
}

/// The attribute's scores as training targets: per-class probabilities for a multiclass attribute with K
/// score columns (rows renormalised), the margin for a binary one with one column (scaled by its RMS over the
/// training samples); nil when the dataset has no scores for it.
public func softTargets(of attribute: Attribute, in dataset: LabelledDataset, trainIndices: [Int]) -> SoftTargets? {
    guard let columns = attribute.scores, let scores = dataset.scores else { return nil }
    let width = scores.shape[1]
    let n = dataset.count
    if columns.count == 1 && attribute.classes.count == 2 {
        let margins = Tensor(shape: [n], storage: (0..<n).map { scores.storage[$0 * width + columns.first] })
        let meanSquare = trainIndices.reduce(0.0) { $0 + Double(margins.storage[$1] * margins.storage[$1]) }
            / Double(max(1, trainIndices.count))
        guard meanSquare > 0, meanSquare.isFinite else { return nil }
        return .margins(margins, scale: Float(meanSquare.squareRoot()))
    }
    guard columns.count == attribute.classes.count else { return nil }
    var probabilities = [Float](repeating: 0, count: n * columns.count)
    for row in 0..<n {
        let values = (0..<columns.count).map { max(0, scores.storage[row * width + columns.first + $0]) }
        let total = values.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        for c in 0..<columns.count { probabilities[row * columns.count + c] = values[c] / total }
    }
    return .probabilities(Tensor(shape: [n, columns.count], storage: probabilities))
}

extension TrainedAttribute {
    /// The figures a bundle records for this classifier: validation and held-out accuracy (plain and
    /// balanced), validation loss, the kept epoch, and the held-out sample count.
    public var bundleMetrics: [String: Double] {
        let m = result.metrics
        return ["validationAccuracy": m.validationAccuracy, "balancedValidationAccuracy": m.balancedValidationAccuracy,
                "validationLoss": m.validationLoss, "bestEpoch": Double(m.bestEpoch),
                "validationMajorityRate": m.validationMajorityRate ?? 0,
                "heldOutAccuracy": heldOutEvaluation.accuracy,
                "balancedHeldOutAccuracy": heldOutEvaluation.balancedAccuracy,
                "heldOutCount": Double(heldOut.count), "heldOutMajorityRate": heldOutMajorityRate]
    }
}
