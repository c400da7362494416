import Dataset
import Editing
import Bundles
import Diagnostics
import Export
import FileStorage
import Foundation
import Generator
import ImageIO
import Labellers
import Kernels
import LatentClassifier
import NumericCore
import Saliency
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

/// The main job: gets the dataset, trains the target and protected classifiers, measures saliency, chooses
/// the exclusion masks, and writes the classifier checkpoints, the edit bundle and the reports.
/// `log` receives one line per stage.
///
/// Everything that can be checked without training is checked first (names, the attributes asked for, their
/// class counts, the selection rule, the channel budgets, whether the run's folder may be replaced), so a mistake
/// costs no training time. The outputs go into the run's own folder, `<output>/<dataset>/<attribute>/`, written
/// aside and put in place in one step at the end (see `writeRunAsOneSet`): a failed or interrupted run leaves the
/// previous run's folder as it was, and runs on other datasets or for other attributes are never touched.
public func trainAndExport(_ options: TrainAndExportOptions, log: (String) -> Void) throws -> TrainAndExportOutcome {
    try checkNames(options)
    let prepared = try prepareDataset(options, log: log)
    let plan = try checkPlan(options, dataset: prepared.dataset)
    let folder = try RunFiles.runFolder(output: options.outputFolder, dataset: prepared.folder, target: options.attribute)
    let files = RunFiles(folder: folder, target: options.attribute, protected: plan.protectedNames)
    let manifest = RunManifest(target: options.attribute, multiclass: options.multiclass, protected: plan.protectedNames,
                               datasetPath: prepared.folder, datasetSHA256: prepared.fingerprint, samples: prepared.dataset.count,
                               generator: prepared.generator.identifier, generatorSHA256: prepared.generator.checkpointSHA256)
    let (outcome, finalPath) = try writeRunAsOneSet(files, manifest: manifest, replace: options.replace) { staged in
        try trainAndWrite(options, plan: plan, files: staged, prepared: prepared, log: log)
    }
    return TrainAndExportOutcome(runFolder: folder, classifierPath: finalPath(outcome.classifierPath), bundlePath: finalPath(outcome.bundlePath),
                                 reportPaths: outcome.reportPaths.map(finalPath), datasetFolder: outcome.datasetFolder,
                                 metrics: outcome.metrics, method: outcome.method, tradeOffLines: outcome.tradeOffLines)
}

/// Trains, measures and writes every output as `files` names them (in the staging folder).
private func trainAndWrite(_ options: TrainAndExportOptions, plan: TrainingPlan, files: RunFiles, prepared: PreparedDataset,
                           log: (String) -> Void) throws -> TrainAndExportOutcome {
    let dataset = prepared.dataset
    let protectedNames = plan.protectedNames
    for (name, reason) in plan.leftOut {
        log("not protecting '\(name)': \(reason) (name it in the protected list to be told why it cannot train)")
    }
    let jobs = plan.entries.map { ($0.attribute.name, $0.multiclass) }
    log("training \(jobs.map(\.0).joined(separator: ", ")) (\(options.training.targets.rawValue) targets, \(options.training.hidden.map { "hidden \($0)" } ?? "the protected attributes' width chosen on validation"))")
    let editSettings = try editDefaults(for: prepared, log: log)
    var targetTraining = options.training
    targetTraining.hidden = options.training.hidden ?? AttributeTrainingOptions.defaultTargetHidden
    // With path augmentation, a first target on the dataset alone makes the paths, and every attribute, the target
    // again too, trains on the dataset and the labelled path points. The attributes train side by side, one per
    // core; each is deterministic on its own.
    var extra: LabelledDataset?
    if let labellers = augmentationLabellers(options, prepared: prepared, protectedCount: jobs.count - 1, log: log) {
        // The rows (and the first target) come from the cache beside the dataset when it has them for these inputs.
        extra = try cachedPathAugmentationRows(prepared: prepared, attribute: options.attribute, multiclass: options.multiclass,
                                               targetTraining: targetTraining, labellers: labellers,
                                               settings: options.pathAugmentation,
                                               seed: PathAugmentation.startSeed(datasetSeed: dataset.manifest.seed ?? options.seed),
                                               editSettings: editSettings, log: log)
    }
    let trainedAll = try inParallel(parts: jobs.count) { index in
        try trainAttribute(jobs[index].0, in: dataset, multiclass: jobs[index].1,
                           options: index == 0 ? targetTraining : options.training, extraTrainingRows: extra)
    }
    for (index, trained) in trainedAll.enumerated() {
        let asked = (index == 0 ? targetTraining : options.training).training, used = trained.result.configuration
        if used != asked {
            log("\(trained.attribute.name): \(trained.split.train.count) training samples, so batches of \(used.batchSize) and up to \(used.epochs) epochs (at least \(TrainingConfiguration.minimumStepsForSmallSets) Adam steps)")
        }
        try save(trained, to: files.classifierPath(trained.attribute.name), prepared: prepared, log: log)
    }
    let target = trainedAll[0]
    let protected = Array(trainedAll.dropFirst())
    let belowBaseline = belowBaselineProblem(target, in: dataset)
    if let belowBaseline {
        guard options.force else { throw BelowBaselineError(description: belowBaseline + "; no bundle was written") }
        log("warning: \(belowBaseline); exported anyway, as asked, and the bundle records it (forcedBelowBaseline)")
    }

    let heldOutRows = Array(target.split.validation.prefix(options.heldOutLatents))
    let heldOut = dataset.latents.gathering(rows: heldOutRows)
    // The judge of the mask choice and the stop rule (when either runs), and the held-out latents' labels by it, once.
    let judgesEdits = options.chooseArrival || (!protected.isEmpty && options.topChannels == nil)
    let judgeLabels = judgesEdits
        ? try editJudgeLabels(options, trained: [target] + protected, prepared: prepared, editedRows: heldOutRows, log: log)
        : nil
    let startLabels = try judgeLabels.map { try $0.label(heldOut) }
    let saliencies = ([target] + protected).map { trained in
        computeSaliency(attribute: trained.attribute.name, classNames: trained.attribute.classes,
                        classifier: trained.result.classifier, latents: heldOut)
    }
    let reportFolder = files.reportFolder
    var reports = try target.result.metrics.writeReport(directory: reportFolder, name: options.attribute,
                                                        title: "\(options.attribute): \(target.result.classifier.architecture.summary)")
    reports += try writeSaliencyCharts(SaliencyReport(saliencies), to: reportFolder)
    let (ruleMethod, maskChoice, chart) = try chooseEditMethod(options, target: target, protected: protected,
                                                               protectedNames: protectedNames, heldOut: heldOut,
                                                               startLabels: startLabels, judgeLabels: judgeLabels,
                                                               editSettings: editSettings,
                                                               reportFolder: reportFolder, log: log)
    reports += chart.map { [$0] } ?? []
    let (method, classMethods) = methodsByClass(maskChoice?.judgedMethodsByClass, ruleMethod: ruleMethod,
                                                classNames: target.attribute.classes, log: log)
    var bundleSettings = editSettings
    if options.chooseArrival && startLabels == nil {
        log("arrival: the bundle keeps \(editSettings.steps) fixed steps (no judge here: neither an image labeller nor enough held-back labels to cross-fit one)")
    }
    if options.chooseArrival, let startLabels, let judgeLabels {
        let start = Date()
        let targetEdit = try EditTarget(attribute: options.attribute, classifier: target.result.classifier, classIndex: 0)
        let protectedEdit = protected.map { ProtectedAttribute(name: $0.attribute.name, classifier: $0.result.classifier) }
        if let arrival = try chooseArrival(target: targetEdit, classCount: target.result.classifier.architecture.classCount,
                                           protected: protectedEdit, method: { classMethods[$0] ?? method },
                                           settings: editSettings, heldOut: heldOut, before: startLabels,
                                           labels: judgeLabels) {
            bundleSettings = try EditSettings(steps: arrival.steps, stepLength: editSettings.stepLength,
                                              stopProbability: arrival.stopProbability, keepNorm: editSettings.keepNorm)
            log(String(format: "stop rule (held-out latents toward every class, judged by %@; %.1f s):", judgeLabels.name, Date().timeIntervalSince(start)))
            arrival.tableLines.forEach { log("  " + $0) }
            log("edit defaults: " + (arrival.stopProbability.map { "stop at p ≥ \($0), at most " } ?? "")
                + "\(arrival.steps) steps of \(editSettings.stepLength)")
        }
    }
    var bundle = try assembleBundle(BundleContents(trained: [target] + protected, saliencies: saliencies, method: method,
                                                   classMethods: classMethods, maskChoice: maskChoice, editDefaults: bundleSettings,
                                                   generator: GeneratorIdentity(prepared.generator),
                                                   dataset: DatasetProvenance(source: prepared.folder, sha256: prepared.fingerprint,
                                                                              sampleCount: dataset.count),
                                                   forcedBelowBaseline: belowBaseline != nil),
                                    path: files.bundlePath)
    bundle.styleLayers = options.styleLayers
    if let belowBaseline { bundle.warnings = ["exported although forced below its baseline: \(belowBaseline)"] }
    if options.chooseStyleLayers {
        bundle.styleLayers = try chooseStyleLayers(bundle: bundle, generator: prepared.generator, seed: options.seed, log: log)
    }
    try bundle.write(to: files.bundlePath)
    return TrainAndExportOutcome(runFolder: files.folder, classifierPath: files.classifierPath(options.attribute), bundlePath: files.bundlePath,
                                 reportPaths: reports, datasetFolder: prepared.folder, metrics: target.result.metrics,
                                 method: method.summary, tradeOffLines: maskChoice?.tableLines ?? [])
}

/// The bundle's method and its exceptions by class index. With the judge's pick per class (`judgedMethods`): the
/// method most classes got (a tie goes to `ruleMethod` when it is among the tied, else to the first in class order),
/// and every class that got another; logged. Without: `ruleMethod` for every class.
private func methodsByClass(_ judgedMethods: [Int: EditMethod]?, ruleMethod: EditMethod, classNames: [String],
                            log: (String) -> Void) -> (EditMethod, [Int: EditMethod]) {
    guard let judgedMethods, !judgedMethods.isEmpty else { return (ruleMethod, [:]) }
    let ordered = judgedMethods.keys.sorted()
    func votes(_ method: EditMethod) -> Int { judgedMethods.values.filter { $0 == method }.count }
    let most = ordered.map { votes(judgedMethods[$0]!) }.max()!
    let base = votes(ruleMethod) == most ? ruleMethod : judgedMethods[ordered.first { votes(judgedMethods[$0]!) == most }!]!
    let exceptions = judgedMethods.filter { $0.value != base }
    log("edit method by class (the image labellers' figures toward each class): "
        + ordered.map { "\(classNames[$0]) \(judgedMethods[$0]!.summary)" }.joined(separator: "; ")
        + (exceptions.isEmpty ? "" : "; the bundle's method is \(base.summary), with the others as exceptions"))
    return (base, exceptions)
}

/// The labellers path augmentation labels with, or nil (saying why when it was asked for) when it is off, nothing
/// is protected, the dataset's attributes do not all come from built-in labellers, or its generator cannot render.
private func augmentationLabellers(_ options: TrainAndExportOptions, prepared: PreparedDataset, protectedCount: Int,
                                   log: (String) -> Void) -> [any ImageLabeller]? {
    guard options.pathAugmentation.latentCount(datasetSamples: prepared.dataset.count) > 0, protectedCount > 0 else { return nil }
    guard prepared.generator.canRender, PlanarImage.labellersRead(prepared.generator.imageShape) else {
        log("path augmentation: off (the dataset's generator cannot render here, or not images the labellers read)")
        return nil
    }
    guard let labellers = prepared.dataset.builtInLabellers else {
        log("path augmentation: off (not every attribute of the dataset comes from a built-in labeller)")
        return nil
    }
    return labellers
}

/// The dataset the options name, or the embedded generator's default one, sampled or reused.
private func prepareDataset(_ options: TrainAndExportOptions, log: (String) -> Void) throws -> PreparedDataset {
    if let folder = options.datasetFolder {
        var prepared = try PreparedDataset.load(folder: folder)
        log("dataset: \(folder) (\(prepared.dataset.count) samples)")
        if let generator = options.generator {
            let manifest = prepared.dataset.manifest
            guard generator.identifier == manifest.generator, generator.checkpointSHA256 == manifest.checkpointSHA256,
                  generator.latentDimension == manifest.latentDimension else {
                throw JobError("\(folder): made with \(manifest.generator) (D = \(manifest.latentDimension)), but the generator given is \(generator.identifier) (D = \(generator.latentDimension)), or other weights")
            }
            prepared = PreparedDataset(dataset: prepared.dataset, folder: folder, reused: true,
                                       fingerprint: prepared.fingerprint, generator: generator)
        }
        return prepared
    }
    let prepared = try PreparedDataset.sampleOrReuse(generator: try DCGANGenerator.embedded(),
                                                     count: options.count, seed: options.seed)
    log("dataset: \(prepared.folder) (\(prepared.dataset.count) samples, \(prepared.reused ? "reused" : "sampled"))")
    return prepared
}

/// The judge of the run's edits: the built-in image labellers where they label the target's images here, else judge
/// classifiers cross-fitted on the samples the edit's classifiers never trained on (`crossFittedJudgeLabels`), else
/// nil (logged by the caller).
private func editJudgeLabels(_ options: TrainAndExportOptions, trained: [TrainedAttribute], prepared: PreparedDataset,
                             editedRows: [Int], log: (String) -> Void) throws -> JudgeLabels? {
    if let images = imageLabellerLabels(attribute: options.attribute, generator: prepared.generator) { return images }
    log("judges: no image labeller labels '\(options.attribute)' here, so judge classifiers are cross-fitted")
    return try crossFittedJudgeLabels(trained: trained, dataset: prepared.dataset, editedRows: editedRows,
                                      seed: options.seed, log: log)
}

/// How the edit protects the other attributes: the budgets given, plain when nothing is protected, or the
/// masks `chooseMasks` picks on the held-out latents (then with its trade-off chart, written to
/// `reportFolder`, whose path is returned).
private func chooseEditMethod(_ options: TrainAndExportOptions, target: TrainedAttribute, protected: [TrainedAttribute],
                              protectedNames: [String], heldOut: Tensor, startLabels: [String: [Int]]?,
                              judgeLabels: JudgeLabels?,
                              editSettings: EditSettings, reportFolder: String,
                              log: (String) -> Void) throws -> (EditMethod, MaskChoice?, chart: String?) {
    if let budgets = options.topChannels {
        log("masks: given on the command line")
        return (.masked(budgets: try channelBudgets(budgets, for: protectedNames)), nil, nil)
    }
    if protected.isEmpty { return (.plain, nil, nil) }
    var judge: (([DirectionEdits]) throws -> JudgedEdits)?
    if let startLabels, let judgeLabels { judge = labelsJudge(start: startLabels, labels: judgeLabels) }
    log("choosing masks on \(heldOut.shape[0]) held-out latents by the edit's own classifiers"
        + (judgeLabels.map { "; \($0.name), which no edit uses, judge every fourth beside them" }
           ?? " (no judge here: neither an image labeller nor enough held-back labels to cross-fit one)"))
    let choice = try chooseMasks(heldOut, attribute: options.attribute, classifier: target.result.classifier,
                                 protected: protected.map { ProtectedAttribute(name: $0.attribute.name, classifier: $0.result.classifier) },
                                 settings: .standard(dimension: heldOut.shape[1], edit: editSettings), judge: judge)
    let chart = (reportFolder as NSString).appendingPathComponent("\(options.attribute).tradeoff.png")
    try writePNG(tradeOffChart(choice, attribute: options.attribute), to: chart)
    return (choice.method, choice, chart)
}

/// Writes a trained attribute's checkpoint and logs its figures.
private func save(_ trained: TrainedAttribute, to path: String, prepared: PreparedDataset,
                  log: (String) -> Void) throws {
    let name = trained.attribute.name
    for candidate in trained.candidates where trained.candidates.count > 1 {
        log(String(format: "  %@ hidden %@: validation accuracy %.3f", name,
                   candidate.hidden.map(String.init).joined(separator: ","), candidate.validationAccuracy))
    }
    try exportClassifier(trained, to: path, provenance: ["dataset": prepared.folder, "datasetSHA256": prepared.fingerprint,
                                                         "generator": prepared.generator.identifier])
    let m = trained.result.metrics
    let chance = 1 / Double(max(1, trained.attribute.classes.count))
    log(String(format: "trained %@ (%@, %@): validation accuracy %.3f (majority class %.3f), balanced %.3f (chance %.3f), kept epoch %d; held out %.3f (majority class %.3f), balanced %.3f (chance %.3f)",
               name, trained.result.classifier.architecture.summary, trained.lossName, m.validationAccuracy,
               m.validationMajorityRate ?? 0, m.balancedValidationAccuracy, chance, m.bestEpoch, trained.heldOutEvaluation.accuracy,
               trained.heldOutMajorityRate, trained.heldOutEvaluation.balancedAccuracy, chance))
}

/// The bundle's edit settings: the standard ones on the embedded DCGAN (where they were measured); in any other
/// latent space the same steps with a step of `defaultStepShareOfNorm` of the dataset's mean latent norm, so that
/// an edit moves as far relative to the space's own scale.
func editDefaults(for prepared: PreparedDataset, log: (String) -> Void) throws -> EditSettings {
    if prepared.generator is DCGANGenerator { return .standard }
    let meanNorm = prepared.dataset.latents.meanRowNorm
    let step = Float(meanNorm) * defaultStepShareOfNorm
    guard step.isFinite, step > 0 else { return .standard }
    log(String(format: "edit step %.4g: %.1f%% of the latents' mean norm %.4g (the embedded generator's %.2g is the same share of its norm of about 10)",
               step, 100 * defaultStepShareOfNorm, meanNorm, defaultStepLength))
    return try EditSettings(steps: defaultStepCount, stepLength: step)
}
