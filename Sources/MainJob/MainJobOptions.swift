import Export
import Generator
import Trainer

/// What the main job does: which attribute, from which data, protecting which others, into which folder.
public struct TrainAndExportOptions: Sendable {
    /// The attribute to learn a control for.
    public var attribute: String
    /// K for a softmax head over K classes; nil for a binary attribute's sigmoid head.
    public var multiclass: Int?
    /// An existing dataset folder; nil samples (or reuses) the embedded generator's default dataset.
    public var datasetFolder: String?
    /// Samples in the default dataset.
    public var count: Int = TrainAndExportOptions.defaultCount
    /// Seed of the default dataset.
    public var seed: UInt64 = 0
    /// The attributes an edit must leave alone; nil protects every other attribute of the dataset.
    public var protected: [String]?
    /// Channel budgets per protected attribute, overriding the automatic choice (one value: all alike).
    public var topChannels: [Int]?
    /// Classifier and training options, shared by the target and the protected attributes.
    public var training = AttributeTrainingOptions()
    /// Labelled points along edit paths for every classifier (when the dataset's attributes all come
    /// from built-in labellers and its generator renders; see `PathAugmentation`).
    public var pathAugmentation = PathAugmentation()
    /// Held-out latents used to measure saliency and choose the masks.
    public var heldOutLatents: Int = 400
    /// Where runs go: each run into its own folder `<outputFolder>/<dataset folder's name>/<attribute>/`
    /// (`RunFiles.runFolder`).
    public var outputFolder: String = "checkpoints"
    /// Replace a run folder that holds another run's files, or files no run made (`RunFolderTakenError`). An earlier
    /// run of the same attribute on the same dataset is replaced in any case.
    public var replace = false
    /// The W+ layers the bundle's edits write (a style-based generator in W space), or nil for all.
    public var styleLayers: Range<Int>?
    /// Choose `styleLayers` by measurement (`chooseStyleLayers`), which needs `generator`.
    public var chooseStyleLayers = false
    /// Whether the bundle's default edit stops on arrival (a threshold and a step budget chosen on held-out
    /// latents by `chooseArrival`) rather than taking a fixed number of steps.
    public var chooseArrival = true
    /// Export even when the target is no better than its baseline (`belowBaselineProblem`); the bundle then records
    /// `forcedBelowBaseline` = 1 among the target's training metrics.
    public var force = false
    /// The generator that renders the dataset's latents here (a worker serving the dataset's generator), when
    /// it is not the embedded one: path augmentation and the layer choice render through it.
    public var generator: (any LatentGenerator)?

    /// Samples in the embedded generator's default dataset, chosen by measurement (README, "Measurements"):
    /// enough for the protected classifiers' held-out accuracy, while sampling stays near 30 s on 2 cores.
    public static let defaultCount = 20000

    /// Options for `attribute` with every default.
    public init(attribute: String, multiclass: Int? = nil) {
        self.attribute = attribute
        self.multiclass = multiclass
    }
}

/// Where the main job put its results, and what it measured.
public struct TrainAndExportOutcome: Sendable {
    /// The run's own folder: `<output>/<dataset>/<attribute>`.
    public let runFolder: String
    /// The target classifier's checkpoint.
    public let classifierPath: String
    /// The edit bundle.
    public let bundlePath: String
    /// Metrics, curves, confusion matrix, saliency and trade-off charts.
    public let reportPaths: [String]
    /// The dataset used.
    public let datasetFolder: String
    /// The target classifier's training metrics.
    public let metrics: TrainingMetrics
    /// The edit method stored in the bundle, in words.
    public let method: String
    /// The mask choice's trade-off table, when the choice was automatic.
    public let tradeOffLines: [String]
}
