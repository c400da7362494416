import Dataset
import Discovery
import Bundles
import Diagnostics
import FileStorage
import Foundation
import Generator
import ImageIO
import MainJob
import Labellers
import Manifolds
import Trainer

/// What a run measured and where it wrote the report.
public struct EvaluationOutcome: Sendable {
    /// Every target's sweep, in the order asked for.
    public let targets: [TargetEvaluation]
    /// The files written: evaluation.md, evaluation.csv, then each target's chart and example sheet.
    public let files: [String]
}

/// The benchmark: trains GradCtrl's bundle for every target attribute and InterFaceGAN's boundaries for every
/// attribute on the default dataset, finds GANSpace's and SeFa's candidates on the embedded generator, then
/// for each target edits fresh held-out latents not already in the target class with every method (seven, and TCA's two) over
/// the sweep of lengths, judges the renders with the built-in labellers, and writes the Markdown report, the
/// CSV, a Pareto chart and an example sheet per target into `options.outputFolder` (each file atomically).
/// The same options give the same numbers. `log` gets one line per stage.
///
/// On another generator (a worker) the same run adapts to what it offers: GANSpace takes the principal axes of w
/// in W space and of block 1's activations otherwise; SeFa needs the weight that first acts on the latents, TCA
/// block activations and the image oracle gradients to the latents. A method whose ingredient is missing is left
/// out and the report says so.
public func runEvaluation(_ options: EvaluationOptions, generator: any LatentGenerator,
                          log: (String) -> Void) throws -> EvaluationOutcome {
    try validate(options)
    let prepared = try PreparedDataset.sampleOrReuse(generator: generator, count: options.datasetCount, seed: options.seed)
    log("dataset: \(prepared.folder) (\(prepared.dataset.count) samples, \(prepared.reused ? "reused" : "sampled"))")
    return try evaluate(options, prepared: prepared, given: false, log: log)
}

/// The benchmark on the dataset in `datasetFolder` (hand-labelled, imported or sampled), on any of its attributes,
/// curated ones included; `worker`, when given, renders the dataset's latents (it must be the generator the dataset
/// was made with). Each target is judged by the built-in image labellers where they label its attribute and the
/// generator renders, otherwise by judge classifiers cross-fitted on the samples no classifier of the run trained on
/// (`crossFittedJudgeLabels`). The held-out latents are fresh draws from the prior when the generator renders (those
/// the judge does not put in the target class), otherwise the dataset's own samples that no classifier of the run
/// trained on (`samplesNoClassifierTrainedOn`) whose label is another class, which the judges do not train on
/// either. When `options.scalesLengthsToLatents` and the dataset is not the embedded generator's, the lengths are
/// scaled by its latents' mean norm (`scaledLengths`). Methods that need rendering or the generator's internals are
/// left out with a line saying why. Writes the report as `runEvaluation(_:generator:log:)` does, each figure with
/// the name of its judge and the baselines beside success.
public func runEvaluation(_ options: EvaluationOptions, datasetFolder: String, worker: (any LatentGenerator)?,
                          log: (String) -> Void) throws -> EvaluationOutcome {
    try validate(options)
    var prepared = try PreparedDataset.load(folder: datasetFolder)
    if let worker {
        let manifest = prepared.dataset.manifest
        guard worker.identifier == manifest.generator, worker.checkpointSHA256 == manifest.checkpointSHA256,
              worker.latentDimension == manifest.latentDimension else {
            throw JobError("\(datasetFolder): made with \(manifest.generator) (D = \(manifest.latentDimension)), but the generator given is \(worker.identifier) (D = \(worker.latentDimension)), or other weights")
        }
        prepared = PreparedDataset(dataset: prepared.dataset, folder: datasetFolder, reused: true,
                                   fingerprint: prepared.fingerprint, generator: worker)
    }
    log("dataset: \(datasetFolder) (\(prepared.dataset.count) samples of \(prepared.generator.identifier), which \(prepared.generator.canRender ? "renders here" : "does not render here"))")
    var options = options
    if options.scalesLengthsToLatents && !(prepared.generator is DCGANGenerator) {
        let norm = prepared.dataset.latents.meanRowNorm
        options.lengths = scaledLengths(options.lengths, meanNorm: norm)
        log(String(format: "%@: mean latent norm %.3f over the dataset's %d latents, so lengths %@", datasetFolder, norm,
                   prepared.dataset.count, options.lengths.map { String(format: "%g", $0) }.joined(separator: ",")))
    }
    return try evaluate(options, prepared: prepared, given: true, log: log)
}

/// `lengths` (the embedded prior's units) scaled by `meanNorm` over `DCGANGenerator.typicalLatentNorm`, each rounded
/// to two significant figures (the lengths label the charts' points, where long labels collide).
public func scaledLengths(_ lengths: [Float], meanNorm: Double) -> [Float] {
    let scale = Float(meanNorm / DCGANGenerator.typicalLatentNorm)
    return lengths.map { length in
        let unit = Float(pow(10, floor(log10(Double(length * scale))) - 1))
        return (length * scale / unit).rounded() * unit
    }
}

/// The run on `prepared` (`given`: named by the user rather than the default sample).
private func evaluate(_ options: EvaluationOptions, prepared: PreparedDataset, given: Bool,
                      log: (String) -> Void) throws -> EvaluationOutcome {
    let dataset = prepared.dataset
    let generator = prepared.generator
    let goals = try resolveGoals(options.targets, attributes: dataset.manifest.attributes)
    let folder = options.outputFolder as NSString

    var bundles = [String: EditBundle]()
    for goal in goals where bundles[goal.attribute] == nil {
        let attribute = dataset.manifest.attributes[try dataset.attributeIndex(goal.attribute)]
        bundles[goal.attribute] = try gradCtrlBundle(attribute, dataset: prepared, seed: options.seed,
                                                     folder: folder.appendingPathComponent("bundles"),
                                                     datasetFolderGiven: given, log: log)
    }
    log("fitting InterFaceGAN's boundaries")
    let training = AttributeTrainingOptions(seed: options.seed)
    var boundaries = [String: LinearBoundaries]()
    for attribute in dataset.manifest.attributes {
        do {
            boundaries[attribute.name] = try trainLinearBoundaries(attribute.name, in: dataset, split: training.split,
                                                                   configuration: training.training)
        } catch let problem where goals.allSatisfy({ $0.attribute != attribute.name }) {
            // A protected attribute without a usable boundary only leaves InterFaceGAN cond. without its normal.
            log("InterFaceGAN: no boundary for \(attribute.name) (\(problem)); the conditional edit does without it")
        }
    }
    let plan = BaselinePlan(generator)
    if plan.isEmbedded {
        log("GANSpace: principal components of the first block over \(options.ganSpaceSamples) latents; SeFa: eigenvectors of the first layer")
    }
    plan.notes.forEach(log)
    let tca = try plan.tca ? tcaCandidates(generator: generator as! any BlockActivationsGenerator, options: options, log: log)
                           : (modewise: [], products: [])
    var ganSpaceRandom = EvaluationStream.ganSpace.random(seed: options.seed)
    let ganSpace: [LatentDirection]
    switch plan.ganSpace {
    case .blockActivations:
        ganSpace = try ganSpaceDirections(generator: generator, sampleCount: options.ganSpaceSamples,
                                          count: options.candidateComponents, random: &ganSpaceRandom)
    case .latentAxes:
        ganSpace = try ganSpaceAxes(generator: generator, sampleCount: options.ganSpaceSamples,
                                    count: options.candidateComponents, random: &ganSpaceRandom)
    case nil:
        ganSpace = []
    }
    let sefa = try plan.sefa.map { weight -> [LatentDirection] in
        let matrix = try weight.latentWeight()
        return sefaDirections(firstLayerWeight: matrix, count: min(options.candidateComponents, matrix.shape[0]))
    } ?? []
    let baselines = BaselineCandidates(
        ganSpace: ganSpace, sefa: sefa, boundaries: boundaries, tcaModewise: tca.modewise, tcaProducts: tca.products,
        manifolds: try options.manifoldDirections.map { path in
            try ManifoldDirectionsFile.unitDirections(path, generator: generator).enumerated().map {
                // The id, with the direction's label where it has one besides the id.
                let id = ManifoldDirectionsFile.id($0.offset)
                return LatentDirection(name: $0.element.name == id ? id : "\(id) (\($0.element.name))",
                                       vector: $0.element.vector.map(Double.init))
            }
        } ?? [])
    var selectionRandom = EvaluationStream.selection.random(seed: options.seed)
    let selection = try generator.drawPrior(count: options.count, random: &selectionRandom)

    var judges = HeldOutJudges(prepared: prepared, split: training.split, seed: options.seed)
    var targets = [TargetEvaluation]()
    var oracleNoted = false
    for goal in goals {
        let judge = try judges.judge(of: goal.attribute, log: log)
        let imageOracle = plan.imageOracle && judge.name == imageLabellersJudgeName
        if plan.imageOracle && !imageOracle && !oracleNoted {
            log("image oracle: left out for targets the image labellers do not judge (it protects their image statistics)")
            oracleNoted = true
        }
        let methods = try comparedMethods(bundle: bundles[goal.attribute]!, classIndex: goal.classIndex, baselines: baselines,
                                          selectionLatents: selection, selectionLength: options.selectionLength,
                                          steps: options.steps,
                                          randomSeed: options.seed ^ EvaluationStream.randomDirections.rawValue,
                                          imageOracle: imageOracle)
        let (latents, baseline) = try judges.heldOutLatents(goal, count: options.count, log: log)
        if let check = baseline.judgeCheck, check.accuracy <= check.majorityRate {
            log(String(format: "warning: the judge of '%@' is right on %.3f of %d held-out labels, no better than their majority class (%.3f): its figures say little", goal.attribute, check.accuracy, check.count, check.majorityRate))
        }
        if latents.shape[0] < options.count {
            log("\(goal.attribute) -> \(judge.classNames[goal.classIndex]): \(latents.shape[0]) held-out latents, not \(options.count): \(baseline.source)")
        }
        var evaluation = try evaluateTarget(attribute: goal.attribute, classIndex: goal.classIndex, latents: latents,
                                            methods: methods, lengths: options.lengths, steps: options.steps,
                                            generator: generator, exampleLength: options.selectionLength,
                                            exampleCount: options.exampleCount,
                                            judge: judge.name == imageLabellersJudgeName ? nil : judge, baseline: baseline)
        // What a user gets with no flags: the bundle's defaults on the same latents, with their spread over sets.
        evaluation.defaults = try scoreDefaults(bundle: bundles[goal.attribute]!, classIndex: goal.classIndex, latents: latents,
                                                judge: judge, before: try judge.label(latents))
        targets.append(evaluation)
    }

    var files = [folder.appendingPathComponent("evaluation.md"), folder.appendingPathComponent("evaluation.csv")]
    try writeAtomically(Data(evaluationMarkdown(targets, preamble: preamble(options, prepared: prepared, given: given,
                                                                            plan: plan)).utf8), to: files[0])
    try writeAtomically(Data(evaluationCSV(targets, steps: options.steps).utf8), to: files[1])
    files.append(folder.appendingPathComponent("defaults.csv"))
    try writeAtomically(Data(defaultsCSV(targets).utf8), to: files[2])
    for target in targets {
        let stem = folder.appendingPathComponent(target.fileStem)
        try writePNG(paretoChart(target), to: stem + ".pareto.png")
        files.append(stem + ".pareto.png")
        if !target.examples.isEmpty {
            try writePNG(examplesSheet(target), to: stem + ".examples.png")
            files.append(stem + ".examples.png")
        }
    }
    return EvaluationOutcome(targets: targets, files: files)
}

/// TCA's candidates on block 1 with `Discover tca`'s defaults and the run's seed: the first
/// `candidateComponents` components of each mode (at most the mode's size) and as many leading multilinear
/// products, as latent directions named by their ids.
private func tcaCandidates(generator: any BlockActivationsGenerator, options: EvaluationOptions,
                           log: (String) -> Void) throws -> (modewise: [LatentDirection], products: [LatentDirection]) {
    var tca = TCAOptions()
    tca.seed = options.seed
    tca.componentsPerMode = options.candidateComponents
    tca.products = options.candidateComponents
    let result = try runTCA(generator: generator, options: tca, log: { log("TCA: " + $0) })
    var modewise = [LatentDirection](), products = [LatentDirection]()
    for (kind, direction) in zip(result.kinds, result.directions) {
        guard case .linear(let v) = direction.path else { continue }
        let candidate = LatentDirection(name: direction.id, vector: v.map(Double.init))
        if case .modewise = kind { modewise.append(candidate) } else { products.append(candidate) }
    }
    return (modewise, products)
}

/// Throws unless the options describe a run that can be made.
private func validate(_ options: EvaluationOptions) throws {
    guard !options.targets.isEmpty else { throw JobError("no edit targets given") }
    guard options.count > 0, options.datasetCount > 0, options.steps > 0, options.exampleCount > 0 else {
        throw JobError("the latent counts, steps and examples must be positive")
    }
    guard !options.lengths.isEmpty, options.lengths.allSatisfy({ $0 > 0 && $0.isFinite }),
          zip(options.lengths, options.lengths.dropFirst()).allSatisfy({ $0 < $1 }) else {
        throw JobError("the path lengths must be positive and ascending, got \(options.lengths)")
    }
    guard (1...100).contains(options.candidateComponents), options.ganSpaceSamples >= options.candidateComponents + 10 else {
        throw JobError("choose among 1 to 100 components, with more GANSpace samples than components + 10")
    }
}

/// The report's opening: what was compared, how, and the command that made it.
private func preamble(_ options: EvaluationOptions, prepared: PreparedDataset, given: Bool, plan: BaselinePlan) -> [String] {
    let generator = prepared.generator
    let lengths = options.lengths.map(lengthText).joined(separator: ", ")
    let middle = lengthText(options.selectionLength)
    let generatorLine: String
    if plan.isEmbedded {
        generatorLine = ""
    } else if generator.canRender {
        generatorLine = " Served by a worker; the baselines adapt to what it offers: " + plan.notes.joined(separator: "; ")
            + ". Lengths and norms are in its latent units; the method notes below describe the embedded DCGAN's case."
    } else {
        generatorLine = " It does not render here (the dataset's latents only), so the methods that need images or the generator's internals are left out: "
            + plan.notes.joined(separator: "; ") + ". Lengths and norms are in its latent units; the method notes below describe the embedded DCGAN's case."
    }
    let datasetLine = given
        ? "- Classifiers and boundaries learn from the dataset `\(prepared.folder)` (\(prepared.dataset.count) latents with its own labels: \(prepared.dataset.manifest.attributes.map { "\($0.name) (\($0.origin.summary))" }.joined(separator: ", "))), seed \(options.seed), as `Trainer` does by default; GradCtrl's runs are in `bundles/<dataset>/<attribute>/`."
        : "- Classifiers and boundaries learn from `\(prepared.folder)` (\(options.datasetCount) latents labelled by the built-in image labellers), seed \(options.seed), as `Trainer` does by default; GradCtrl's runs are in `bundles/<dataset>/<attribute>/`."
    return [
        "# Disentanglement benchmark: GradCtrl against InterFaceGAN, GANSpace, SeFa and TCA", "",
        "Made by `\(options.commandLine)`.", "",
        "- Generator: `\(generator.identifier)` (checkpoint sha256 \(generator.checkpointSHA256 ?? "unknown"))." + generatorLine,
        datasetLine,
        "- Every method edits the same held-out latents per target (up to \(options.count); each target's section says how they were chosen). Paths have total length \(lengths) in \(options.steps) steps; only the final point is judged\(generator.canRender ? " and rendered" : "").",
        "- Judges, which no method sees: the built-in image labellers where they label the target attribute and the generator renders; otherwise judge classifiers cross-fitted on the samples no classifier of the run trained on (the held-back samples of each attribute's split, less the samples their accuracy is measured on: those no classifier of the run trained on and the held-out half of the target's split; another width and seed). Each target's section, the summary and the CSV's `judge` column name the judge of every figure. before = share of the held-out latents the judge already puts in the target class before any edit (the unedited row of each table; success is measured from it); success = share of final points the judge puts in the target class; \"X kept\" = share whose X label by the judge did not change; mean kept = their mean (the charts' vertical axis); mean abs z = mean norm of the final latents (the embedded prior's typical shell is about 10); pixel change = mean absolute change of the pixel values on a 0–1 scale (— where nothing renders); stopped = latents whose masked or projected gradient vanished before the last step; front = on the Pareto front of success against mean kept among the methods (the two references left out).",
        "- InterFaceGAN: unit normal of a logistic-regression boundary (one-vs-rest per class of a multiclass attribute), trained like the GradCtrl classifiers on the same split; InterFaceGAN cond. also projects out the normals of the protected attributes (every class normal of a multiclass one).",
        "- GANSpace: PCA of the first block's activations (512 × 4 × 4) over \(options.ganSpaceSamples) latents, components carried back to z by linear regression. SeFa: eigenvectors of AᵀA for the first layer's weight A. TCA: multilinear PCA of the first block's activations before its ReLU (512 × 4 × 4, full ranks) over 2000 latents, each mode's components (the other modes left whole) and the leading multilinear products carried back to z by the Tucker regression, as TCA's discovery of block 1 does by default; \"TCA\" chooses among the mode-wise directions (the first \(options.candidateComponents) channel components and every height and width component), \"TCA product\" among the \(options.candidateComponents) products whose core coordinate varies most. For each target, the component and sign (among the first \(options.candidateComponents)) whose straight edits of length \(middle) give the highest mean target probability by GradCtrl's target classifier, on \(options.count) further latents not in the target class.",
        "- Linear methods walk straight without rescaling (as their authors do), so their norm grows; GradCtrl uses its bundle's settings (norm kept). GradCtrl masks: the channel budgets the Trainer chose automatically; GradCtrl projection: the protected classifiers' gradients projected out at every step.",
        options.manifoldDirections.map { "- Manifolds: the directions of `\($0)` (`Discover manifolds`: learned without labels, the method of Lu et al. 2020 reconstructed from its abstract), the direction and sign chosen per target as for GANSpace." }
            ?? "- Manifolds: not compared (no directions file given).",
        generator.canRender ? "- Example sheets show the first \(options.exampleCount) latents edited with every method at length \(middle)."
            : "- No example sheets: the generator does not render here.",
    ]
}
