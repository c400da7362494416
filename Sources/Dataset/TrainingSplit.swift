import Diagnostics
import NumericCore

/// Options for choosing an attribute's training and validation samples.
public struct SplitOptions: Sendable, Equatable {
    /// Which labelled samples are used.
    public var rule: SelectionRule
    /// The share of each class's selected samples held out for validation, in [0, 1).
    public var validationFraction: Double
    /// The seed of the split.
    public var seed: UInt64

    /// Options; by default every labelled sample, 30% held out, seed 0.
    public init(rule: SelectionRule = .all, validationFraction: Double = 0.3, seed: UInt64 = 0) {
        self.rule = rule
        self.validationFraction = validationFraction
        self.seed = seed
    }
}

/// The samples chosen to train and validate a classifier for one attribute.
public struct TrainingSplit: Sendable, Equatable {
    /// The attribute.
    public let attribute: Attribute
    /// Training sample indices, ascending.
    public let train: [Int]
    /// The class of each training sample.
    public let trainLabels: [Int]
    /// Validation sample indices, ascending.
    public let validation: [Int]
    /// The class of each validation sample.
    public let validationLabels: [Int]

    /// One label per sample of a dataset of `sampleCount` samples, as a trainer indexes them: the split's
    /// class for its training and validation samples, 0 (never read) for the others.
    public func labels(sampleCount: Int) -> [Int] {
        var labels = [Int](repeating: 0, count: sampleCount)
        for (index, label) in zip(train + validation, trainLabels + validationLabels) { labels[index] = label }
        return labels
    }
}

extension LabelledDataset {
    /// Chooses the samples of `attribute` by `options.rule` among those labelled, then splits each class
    /// at random (seeded) into training and validation sets, `validationFraction` of each class held out.
    /// Throws for an unknown attribute, a rule that needs scores on an attribute without them (hand-labelled
    /// or imported), bad options, or when nothing is left to train on.
    public func trainingSplit(attribute name: String, options: SplitOptions = SplitOptions()) throws -> TrainingSplit {
        let attributeIndex = try attributeIndex(name)
        let attribute = manifest.attributes[attributeIndex]
        guard options.validationFraction >= 0 && options.validationFraction < 1 else {
            throw ArgumentError(.validationFraction, "the validation fraction must lie in [0, 1), is \(options.validationFraction)")
        }
        let column = labels[attributeIndex]
        let selected = try select(attribute, labels: column, rule: options.rule)
        var random = RandomSource(seed: options.seed)
        var train = [Int](), validation = [Int]()
        for members in selected {
            let shuffled = random.permutation(members.count).map { members[$0] }
            let held = Int((Double(members.count) * options.validationFraction).rounded())
            validation += shuffled.prefix(held)
            train += shuffled.dropFirst(held)
        }
        train.sort()
        validation.sort()
        guard !train.isEmpty else {
            throw FileError(path: name, problem: "no samples left to train on (\(column.compactMap { $0 }.count) labelled, rule \(options.rule))")
        }
        return TrainingSplit(attribute: attribute, train: train, trainLabels: train.map { column[$0]! },
                             validation: validation, validationLabels: validation.map { column[$0]! })
    }

    /// The selected sample indices grouped by class (ascending within each class).
    private func select(_ attribute: Attribute, labels column: [Int?], rule: SelectionRule) throws -> [[Int]] {
        var byClass = [[Int]](repeating: [], count: attribute.classes.count)
        for (index, label) in column.enumerated() { if let label { byClass[label].append(index) } }
        let labelled = byClass.reduce(0) { $0 + $1.count }
        func confidence(_ index: Int, _ label: Int) throws -> Float {
            guard let values = scores(of: attribute, sample: index) else {
                throw FileError(path: attribute.name, problem: "rule '\(rule)' needs scores, and this attribute has none (it is \(attribute.origin.summary)); use 'all'")
            }
            return attribute.kind == .binary ? (label == 1 ? values.first! : -values.first!) : values[values.startIndex + label]
        }
        // The `n` members of class `label` with the highest confidence, ties broken by index.
        func mostConfident(_ label: Int, _ n: Int) throws -> [Int] {
            let ranked = try byClass[label].map { (index: $0, confidence: try confidence($0, label)) }
                .sorted { $0.confidence != $1.confidence ? $0.confidence > $1.confidence : $0.index < $1.index }
            return ranked.prefix(n).map(\.index).sorted()
        }
        switch rule {
        case .all:
            return byClass
        case .mostConfident(let perClass):
            return try (0..<byClass.count).map { try mostConfident($0, perClass) }
        case .extremes(let percent) where attribute.kind == .multiclass:
            let perClass = Int((Double(labelled) * percent / 100).rounded())
            return try (0..<byClass.count).map { try mostConfident($0, perClass) }
        case .extremes(let percent):
            let side = Int((Double(labelled) * percent / 100).rounded())
            let ranked = try column.indices.filter { column[$0] != nil }
                .map { (index: $0, margin: try confidence($0, 1)) }
                .sorted { $0.margin != $1.margin ? $0.margin < $1.margin : $0.index < $1.index }
                .map(\.index)
            let chosen = Set(ranked.prefix(side)).union(ranked.suffix(side))
            return byClass.map { $0.filter(chosen.contains) }
        }
    }
}
