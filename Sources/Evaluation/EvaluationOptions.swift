import Editing
import MainJob

/// What an evaluation run compares, on which latents, and where the report goes.
public struct EvaluationOptions: Sendable {
    /// Edit targets: "attribute:class" for one class, or "attribute" for every class (both directions of a
    /// binary attribute).
    public var targets = ["color:green", "color:blue", "lightness"]
    /// Held-out latents edited per target.
    public var count = 200
    /// Seed of the dataset, the classifiers' training, and (through `EvaluationStream`) every latent drawn here.
    public var seed: UInt64 = 0
    /// Samples in the dataset the classifiers and boundaries learn from (reused from data/ when present).
    public var datasetCount = TrainAndExportOptions.defaultCount
    /// Total path lengths swept, ascending: dense at the short end, where `lightness` edits already succeed,
    /// and long enough for masked edits, which move their target more slowly, to reach it.
    public var lengths: [Float] = [1, 2, 3, 4, 6, 8, 10, 12]
    /// Steps per path (the editor's default, GradCtrl's 9); only each path's final point is rendered.
    public var steps = defaultStepCount
    /// Leading GANSpace components and SeFa eigenvectors among which each target's best is chosen.
    public var candidateComponents = 20
    /// A directions file of `Discover manifolds` whose directions join the comparison (chosen per target like
    /// GANSpace's components), or nil.
    public var manifoldDirections: String? = nil
    /// Latents whose first-block activations GANSpace's PCA sees.
    public var ganSpaceSamples = 2000
    /// Latents shown per method in the example sheets.
    public var exampleCount = 6
    /// Where the report goes; GradCtrl's bundles go to its `bundles` subfolder.
    public var outputFolder = "reports/evaluation"
    /// Whether a dataset run (`runEvaluation(_:datasetFolder:worker:log:)`) scales `lengths` by the dataset latents'
    /// mean norm when they are not the embedded generator's (`scaledLengths`): set when the lengths are the defaults.
    public var scalesLengthsToLatents = false
    /// The command line that made the report, quoted in it.
    public var commandLine = "swift run -c release Evaluate"

    /// The default options: the acceptance report.
    public init() {}

    /// The length GANSpace and SeFa choose their component at and the example sheets show: the middle of the
    /// sweep (6 of 1, 2, 3, 4, 6, 8, 10, 12; 6 of 2, 4, 6, 8).
    public var selectionLength: Float { lengths[lengths.count / 2] }
}
