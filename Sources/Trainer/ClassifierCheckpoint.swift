import LatentClassifier

/// A trained classifier with everything needed to use and trust it: the attribute it predicts, its class
/// names, how it was trained and how well it did. Stored as one safetensors file (see `write(to:)`).
public struct ClassifierCheckpoint: Sendable {
    /// The classifier, with its standardisation.
    public var classifier: MLPClassifier
    /// The description stored as metadata.
    public var info: ClassifierCheckpointInfo

    /// Bundles a classifier with its description; `info.architecture` must be the classifier's.
    public init(classifier: MLPClassifier, info: ClassifierCheckpointInfo) {
        precondition(info.architecture == classifier.architecture, "checkpoint info describes another architecture")
        self.classifier = classifier
        self.info = info
    }

    /// The checkpoint of a training run for `attribute`, with `provenance` naming the data it was trained on
    /// (e.g. generator, dataset file and hash, labeller).
    public init(training result: TrainingResult, attribute: String, provenance: [String: String] = [:]) {
        self.init(classifier: result.classifier, info: ClassifierCheckpointInfo(
            attribute: attribute, classNames: result.metrics.classNames, architecture: result.classifier.architecture,
            standardized: result.configuration.standardizeInputs, training: result.configuration,
            metrics: result.metrics.summary, provenance: provenance))
    }
}

/// The JSON description of a classifier checkpoint, stored in the safetensors `__metadata__` under
/// `ClassifierCheckpointInfo.metadataKey`.
public struct ClassifierCheckpointInfo: Codable, Sendable, Equatable {
    /// The metadata key holding the JSON.
    public static let metadataKey = "gradctrl.classifier"
    /// The format version this build writes and reads.
    public static let currentFormatVersion = 1

    /// The format version of the stored description.
    public var formatVersion: Int
    /// The attribute the classifier predicts (e.g. "smile").
    public var attribute: String
    /// The class names, indexed by class.
    public var classNames: [String]
    /// The network's shape.
    public var architecture: ClassifierArchitecture
    /// Whether the inputs are standardised with statistics of the training split (otherwise the stored
    /// standardisation is the identity).
    public var standardized: Bool
    /// The training configuration, when the classifier was trained here.
    public var training: TrainingConfiguration?
    /// The training figures, when the classifier was trained here.
    public var metrics: TrainingSummary?
    /// Where the training data came from, as free key–value pairs.
    public var provenance: [String: String]

    /// A description in the current format version.
    public init(attribute: String, classNames: [String], architecture: ClassifierArchitecture, standardized: Bool,
                training: TrainingConfiguration? = nil, metrics: TrainingSummary? = nil,
                provenance: [String: String] = [:]) {
        formatVersion = Self.currentFormatVersion
        self.attribute = attribute
        self.classNames = classNames
        self.architecture = architecture
        self.standardized = standardized
        self.training = training
        self.metrics = metrics
        self.provenance = provenance
    }
}
