import Bundles
import Dataset
import Editing
import Export
import Foundation
import Generator
import Kernels
import NumericCore
import Saliency
import Trainer

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

