import Dataset
import Files
import LatentClassifier
import NumericCore
import Trainer

/// How every attribute's classifier is trained: its hidden layers, which samples it learns from, and the
/// optimiser's configuration.
public struct AttributeTrainingOptions: Sendable {
    /// Hidden layer widths (GradCtrl: one layer of 16).
    public var hidden: [Int]
    /// Which labelled samples take part, and the validation split.
    public var split: SplitOptions
    /// Optimiser, epochs, early stopping, class weighting, seed.
    public var training: TrainingConfiguration

    /// Options with GradCtrl's classifier and the Trainer's defaults.
    public init(hidden: [Int] = [16], split: SplitOptions = SplitOptions(), training: TrainingConfiguration = TrainingConfiguration()) {
        self.hidden = hidden
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

/// A trained attribute classifier with the split it was trained on.
public struct TrainedAttribute: Sendable {
    /// The attribute as the dataset describes it.
    public let attribute: Attribute
    /// The classifier and its metrics.
    public let result: TrainingResult
    /// The training and validation samples.
    public let split: TrainingSplit
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

/// Trains the classifier of attribute `name` on `dataset` (its labelled samples, split as `options` says).
public func trainAttribute(_ name: String, in dataset: LabelledDataset, multiclass: Int?,
                           options: AttributeTrainingOptions) throws -> TrainedAttribute {
    guard let attribute = dataset.manifest.attributes.first(where: { $0.name == name }) else {
        let known = dataset.manifest.attributes.map(\.name).joined(separator: ", ")
        throw JobError("unknown attribute '\(name)'; this dataset has: \(known)")
    }
    let architecture = try classifierArchitecture(for: attribute, dimension: dataset.latents.shape[1],
                                                  multiclass: multiclass, hidden: options.hidden)
    let split = try dataset.trainingSplit(attribute: name, options: options.split)
    let labels = split.labels(sampleCount: dataset.count)
    let result = try trainClassifier(latents: dataset.latents, labels: labels, trainIndices: split.train,
                                     validationIndices: split.validation, architecture: architecture,
                                     configuration: options.training, classNames: attribute.classes)
    return TrainedAttribute(attribute: attribute, result: result, split: split)
}
