import ArgumentParser
import CommandSupport
import Dataset
import Editing
import Diagnostics
import FileStorage
import Foundation
import LatentClassifier
import Trainer
import MainJob
import Export

/// The most epochs a run may ask for.
let maximumEpochs = 100_000

/// The most hidden layers of a classifier.
let maximumHiddenLayers = 16

/// The widest hidden layer of a classifier.
let maximumHiddenWidth = 4096

/// `Trainer`: the main job — learn an attribute's control and export its bundle.
@main
struct TrainerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Trainer",
        abstract: "Train a latent classifier for an attribute and export its GradCtrl edit bundle.",
        discussion: """
            With no --dataset, samples \(TrainAndExportOptions.defaultCount) latents of the embedded DCGAN labelled by the \
            built-in labellers into data/ (or reuses a matching dataset there, extending a smaller one). \
            Trains a classifier per attribute with Adam (the target and every attribute it protects) on the \
            labellers' continuous scores, its width chosen on validation, measures channel saliency on \
            held-out latents, chooses the exclusion masks automatically, and writes the run into a folder of \
            its own, <out>/<dataset>/<attribute>/ (<dataset>: the dataset folder's name, e.g. \
            checkpoints/dcgan-digiface-64-n\(TrainAndExportOptions.defaultCount)-s0/color/ for the default dataset): \
            <attribute>.classifier.safetensors, <attribute>-protects-<other>.classifier.safetensors, \
            <attribute>.bundle.safetensors, reports/ (metrics JSON, training curves, confusion matrix, saliency and \
            trade-off charts) and run.json (the dataset's path and SHA-256, the generator, the target and the \
            protected attributes). The folder is written aside and put in place in one step, so an interrupted run \
            leaves the previous one whole. A new run of the same attribute on the same dataset replaces its \
            folder; a folder holding another run's files (another dataset of the same name, another generator, \
            files no run wrote) is kept and the run refuses, unless --replace.

            Examples:
              swift run Trainer --attribute color --multiclass 5
              swift run Trainer --attribute lightness --protect light_side,background
              swift run Trainer --attribute smile --dataset data/my-curated-set \\
                  --hidden 64,64
              swift run Trainer --attribute color --multiclass 5 \\
                  --exclude lightness,light_side --top-channels 20,20
            """)

    @Option(help: "The attribute to learn (built in: color, lightness, light_side, background).")
    var attribute: String

    @Option(help: "Train a softmax head over K classes; K must be the attribute's class count.")
    var multiclass: Int?

    @Option(help: "Train on this dataset folder (sampled, hand-labelled or imported) instead of the default one.")
    var dataset: String?

    @Option(help: "Samples in the default dataset (a smaller matching dataset in data/ is extended, a larger one cut).")
    var count = TrainAndExportOptions.defaultCount

    @Option(help: "Seed of the default dataset, the split and the training.")
    var seed: UInt64 = 0

    @Option(name: .customLong("path-latents"),
            help: "Latents edited toward each class of a first target whose path points (after \(spokenList(PathAugmentation().steps(editorSteps: EditSettings.standard.steps))) of the editor's \(EditSettings.standard.steps) steps) are rendered, labelled and added to every classifier's training rows, the target's too (default: \(Int((PathAugmentation.defaultFraction * 100).rounded()))% of the dataset's samples; 0 turns it off). Needs built-in labellers and the embedded generator.")
    var pathLatents: Int?

    @Flag(name: .long, help: "Export even when the target's held-out balanced accuracy is no better than its baseline, or a class has too few held-out samples to trust it (the bundle records the warning, and the Editor prints it).")
    var force = false

    @Flag(name: .customLong("fixed-steps"),
          help: "Keep the editor's fixed step count in the bundle instead of a stop probability and a step budget chosen on held-out latents (chosen when built-in labellers can judge the target's edits).")
    var fixedSteps = false

    @Option(help: "Attributes the edit must not change (comma-separated; default: every other attribute; 'none' for no protection).")
    var protect: CommaList<String>?

    @Option(help: "The protected attributes to mask, as in GradCtrl's command line (comma-separated); needs --top-channels.")
    var exclude: CommaList<String>?

    @Option(name: .customLong("top-channels"), help: "Channels to zero per excluded attribute (comma-separated, or one for all); overrides the automatic choice.")
    var topChannels: CommaList<Int>?

    @Option(help: "Hidden layer widths of every classifier, e.g. \(widths(ClassifierArchitecture.gradCtrlHidden)) (GradCtrl) or 64,64 (default: \(widths(AttributeTrainingOptions.defaultTargetHidden)) for the target, whose gradient is the edit; for protected attributes chosen on validation among \(AttributeTrainingOptions.defaultHiddenGrid.map(widths).joined(separator: "; "))).")
    var hidden: CommaList<Int>?

    @Option(help: "What the classifiers fit: soft (the labellers' scores where the dataset has them, else labels) or hard (labels only).")
    var targets = TargetChoice.soft.rawValue


    @Option(help: "Samples to train on: all, extremes:P (top and bottom P% of a binary score, GradCtrl uses 5), confident:N (N most confident per class).")
    var select = AttributeTrainingOptions().split.rule.description

    @Option(help: "Class weights in the loss.")
    var weights = WeightsChoice(AttributeTrainingOptions().training.classWeighting)

    @Option(help: "Most epochs.")
    var epochs = AttributeTrainingOptions().training.epochs

    @Option(name: .customLong("batch-size"), help: "Samples per Adam step.")
    var batchSize = TrainingConfiguration().batchSize

    @Option(name: .customLong("learning-rate"), help: "Adam's learning rate.")
    var learningRate = TrainingConfiguration().learningRate

    @Option(help: "Folder of the runs: each run writes <out>/<dataset>/<attribute>/ (its classifiers, bundle, reports/ and run.json).")
    var out = TrainAndExportOptions(attribute: "").outputFolder

    @Flag(name: .long, help: "Replace the run's folder even when it holds another run's files (another dataset of the same folder name, another generator, or files no run wrote). A new run of the same attribute on the same dataset replaces its own folder without it. Not implied by --force.")
    var replace = false

    @Option(help: ArgumentHelp(
        "For latents in a style-based generator's W space: the W+ layers the bundle's edits write, lo:hi (from lo up to but not including hi), or 'auto' to choose them by measurement through --generator; the Editor renders the other layers with each latent's start.",
        valueName: "lo:hi|auto"))
    var layers: String?

    @OptionGroup var generatorWorker: GeneratorWorkerOption

    /// The --layers range, when it is one (not auto).
    private var layerRange: Range<Int>? { layers.flatMap(styleLayerRange) }

    /// Every flag checked before any work starts; a problem is one line naming the flag, and exit status 1.
    func validate() throws {
        if let layers, layers != "auto", layerRange == nil { throw FlagError("--layers takes lo:hi with 0 ≤ lo < hi ≤ 256 (for example 0:5) or auto, got '\(layers)'") }
        if layers == "auto" && !generatorWorker.choosesWorker { throw FlagError("--layers auto needs --generator SPEC: the style-based worker that renders the dataset's latents") }
        if generatorWorker.choosesWorker && dataset == nil { throw FlagError("--generator goes with --dataset: a dataset the worker made") }
        try requireList(protect, flag: "--protect")
        try requireList(exclude, flag: "--exclude")
        try requireList(topChannels, flag: "--top-channels")
        try requireList(hidden, flag: "--hidden")
        try requireFileName(attribute, what: "attribute name", source: "--attribute")
        if let multiclass { try requireInRange(multiclass, 2...maximumClassCount, "", source: "--multiclass") }
        if exclude != nil && topChannels == nil { throw FileError(path: "--exclude", problem: "needs --top-channels") }
        try requireInRange(count, 1...maximumSampleCount, "", source: "--count")
        if let pathLatents { try requireInRange(pathLatents, 0...maximumSampleCount, "", source: "--path-latents") }
        try requireInRange(epochs, 1...maximumEpochs, "", source: "--epochs")
        if let hidden { try requireInRange(hidden.values.count, 1...maximumHiddenLayers, "the number of hidden layers", source: "--hidden") }
        for width in hidden?.values ?? [] { try requireInRange(width, 1...maximumHiddenWidth, "a hidden layer width", source: "--hidden") }
        for budget in topChannels?.values ?? [] { try requireInRange(budget, 0...maximumLatentDimension, "a channel budget", source: "--top-channels") }
        for name in (exclude ?? protect)?.values ?? [] where name != "none" {
            try requireFileName(name, what: "attribute name", source: exclude != nil ? "--exclude" : "--protect")
        }
        _ = try namingFlags(trainerFlags) { try SelectionRule(parsing: select) }
        try requireInRange(batchSize, 1...maximumSampleCount, "", source: "--batch-size")
        if !(learningRate > 0 && learningRate.isFinite) {
            throw FileError(path: "--learning-rate", problem: "must be a positive finite number, is \(learningRate)")
        }
        guard TargetChoice(rawValue: targets) != nil else { throw FileError(path: "--targets", problem: "is soft or hard, not '\(targets)'") }
    }

    func run() throws { try namingFlags(trainerFlags, perform) }

    private func perform() throws {
        var options = TrainAndExportOptions(attribute: attribute, multiclass: multiclass)
        options.datasetFolder = dataset
        options.count = count
        options.seed = seed
        options.outputFolder = out
        options.styleLayers = layerRange
        options.chooseStyleLayers = layers == "auto"
        options.protected = exclude?.values ?? protect.map { $0.values == ["none"] ? [] : $0.values }
        options.topChannels = topChannels?.values
        options.pathAugmentation.latents = pathLatents
        options.chooseArrival = !fixedSteps
        options.force = force
        options.replace = replace
        options.training = AttributeTrainingOptions(seed: seed)
        options.training.hidden = hidden?.values
        options.training.targets = TargetChoice(rawValue: targets)!
        options.training.training.batchSize = batchSize
        options.training.training.learningRate = learningRate
        options.training.split.rule = try SelectionRule(parsing: select)
        options.training.training.epochs = epochs
        options.training.training.classWeighting = weights.weighting
        let start = Date()
        options.generator = try generatorWorker.loadWorker()
        defer { generatorWorker.stop(options.generator) }
        let outcome: TrainAndExportOutcome
        do {
            outcome = try trainAndExport(options) { printError($0) }
        } catch let error as BelowBaselineError {
            throw FlagError("\(error) (--force exports anyway)")
        } catch let error as RunFolderTakenError {
            throw FlagError("\(error) (--replace replaces it, or choose another --out)")
        }
        print("attribute \(attribute): validation accuracy \(String(format: "%.3f", outcome.metrics.validationAccuracy))")
        outcome.metrics.summaryLines.forEach { print("  " + $0) }
        outcome.metrics.smallClassWarnings.forEach { printError($0) }
        if !outcome.tradeOffLines.isEmpty {
            print("mask choice (target success vs protected drift, on held-out latents):")
            outcome.tradeOffLines.forEach { print("  " + $0) }
        }
        print("edit method: \(outcome.method)")
        print("dataset:     \(outcome.datasetFolder)")
        print("run folder:  \(outcome.runFolder)")
        print("classifier:  \(outcome.classifierPath)")
        print("bundle:      \(outcome.bundlePath)")
        print("reports:     \(outcome.reportPaths.joined(separator: "\n             "))")
        print(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
    }
}

/// The Trainer's flag for each library argument it passes on.
private let trainerFlags: [ArgumentName: String] = [
    .multiclass: "--multiclass", .topChannels: "--top-channels", .selection: "--select", .attribute: "--attribute",
    .count: "--count", .protected: "--protect",
]

/// `--weights`: how the loss weighs the classes.
enum WeightsChoice: String, ExpressibleByArgument, CaseIterable {
    /// Inverse class frequency.
    case balanced
    /// Every sample alike.
    case uniform

    /// The choice that gives `weighting` (balanced for explicit weights, which have no flag).
    init(_ weighting: ClassWeighting) { self = weighting == .uniform ? .uniform : .balanced }

    /// The library's weighting.
    var weighting: ClassWeighting { self == .uniform ? .uniform : .balanced }
}

/// Hidden widths as the `--hidden` flag takes them: "256,256".
private func widths(_ hidden: [Int]) -> String { hidden.map(String.init).joined(separator: ",") }

/// "3, 6 and 9".
private func spokenList(_ values: [Int]) -> String {
    let words = values.map(String.init)
    return words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
}
