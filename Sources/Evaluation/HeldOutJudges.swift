import Dataset
import Diagnostics
import Generator
import Labellers
import MainJob
import NumericCore

/// The judges of a run's targets and the held-out latents each target's methods edit.
///
/// A target is judged by the built-in image labellers where they label its attribute and the dataset's generator
/// renders here; otherwise by judge classifiers cross-fitted (`crossFittedJudgeLabels`) on the held-back samples of
/// every attribute's split, less the check samples on which the judge's accuracy is measured: the samples no
/// classifier of the run trained on (from which the held-out latents come when nothing renders) and the held-out
/// half of the target's split.
struct HeldOutJudges {
    let prepared: PreparedDataset
    /// The split every classifier of the run learns with.
    let split: SplitOptions
    /// The run's seed.
    let seed: UInt64
    /// The samples no classifier of the run trained on, once computed.
    private var untrained: [Int]?
    /// The cross-fitted judges by target attribute.
    private var judges = [String: JudgeLabels]()

    init(prepared: PreparedDataset, split: SplitOptions, seed: UInt64) {
        self.prepared = prepared
        self.split = split
        self.seed = seed
    }

    /// The samples no classifier of the run trained on that the dataset labels for `attribute`, ascending.
    private mutating func untrainedRows(_ attribute: String) throws -> [Int] {
        if untrained == nil { untrained = samplesNoClassifierTrainedOn(prepared.dataset, split: split) }
        let column = prepared.dataset.labels[try prepared.dataset.attributeIndex(attribute)]
        return untrained!.filter { column[$0] != nil }
    }

    /// The samples no judge of `attribute` trains on, where its accuracy is measured: `untrainedRows` and the held-out
    /// half of its own split (every second held-back sample, which the Trainer only reports on), ascending.
    private mutating func checkRows(_ attribute: String) throws -> [Int] {
        let heldOut = (try? prepared.dataset.trainingSplit(attribute: attribute, options: split))
            .map { $0.validation.enumerated().filter { $0.offset % 2 == 1 }.map(\.element) } ?? []
        return Set(try untrainedRows(attribute)).union(heldOut).sorted()
    }

    /// The judge of `attribute`'s edits: the image labellers, or judges cross-fitted for it (target first) and every
    /// other attribute with a usable split. Throws when neither exists.
    mutating func judge(of attribute: String, log: (String) -> Void) throws -> JudgeLabels {
        if let images = imageLabellerLabels(attribute: attribute, generator: prepared.generator) { return images }
        if let known = judges[attribute] { return known }
        let dataset = prepared.dataset
        var judged = [JudgedAttribute]()
        for name in [attribute] + dataset.manifest.attributes.map(\.name).filter({ $0 != attribute }) {
            let described = try dataset.attribute(named: name)
            guard let chosen = try? dataset.trainingSplit(attribute: name, options: split) else {
                if name == attribute { break }
                log("judge of '\(name)': not trained (no labelled samples to split)")
                continue
            }
            judged.append(JudgedAttribute(attribute: described, heldBack: chosen.validation,
                                          multiclass: described.defaultMulticlass != nil))
        }
        let check = try checkRows(attribute)
        log("judges of '\(attribute)': no image labeller labels it here, so judge classifiers are cross-fitted on the held-back samples, less \(check.count) on which their accuracy is measured (the samples no classifier of the run trained on and the held-out half of its split)")
        guard judged.first?.attribute.name == attribute,
              let judge = try crossFittedJudgeLabels(judged: judged, dataset: dataset, editedRows: check, seed: seed, log: log) else {
            throw JobError("'\(attribute)': nothing can judge its edits: no built-in image labeller labels it here, and it has too few held-back labels to cross-fit a judge (\(crossFittedJudgeMinimumPerClass) of each class are needed)")
        }
        judges[attribute] = judge
        return judge
    }

    /// Up to `count` held-out latents for `goal` and how they were chosen: fresh prior draws (the held-out stream)
    /// the judge does not put in the target class when the generator renders; else the samples no classifier of the
    /// run trained on that the dataset labels with another class, in a seeded order. Throws when there are none.
    mutating func heldOutLatents(_ goal: EditGoal, count: Int, log: (String) -> Void) throws -> (Tensor, HeldOutBaseline) {
        let judge = try judge(of: goal.attribute, log: log)
        let dataset = prepared.dataset, generator = prepared.generator
        let column = dataset.labels[try dataset.attributeIndex(goal.attribute)]
        let className = judge.classNames[goal.classIndex]
        let byImages = judge.name == imageLabellersJudgeName
        var judgeCheck: JudgeCheck?
        var check = [Int]()
        if !byImages {
            check = try checkRows(goal.attribute)
            if !check.isEmpty, let predicted = try judge.label(dataset.latents.gathering(rows: check))[goal.attribute] {
                judgeCheck = JudgeCheck(predicted: predicted, truth: check.map { column[$0]! })
            }
        }
        var random = EvaluationStream.heldOut.random(seed: seed)
        if generator.canRender {
            let drawn: (latents: Tensor, priorShare: Double)
            if byImages, let labeller = builtInLabeller(goal.attribute) {
                drawn = try latentsOutsideClass(goal.classIndex, count: count, generator: generator, random: &random,
                                                describe: "outside class '\(className)' of '\(labeller.name)'") { batch in
                    classes(of: try generator.render(batch), by: labeller)
                }
            } else {
                drawn = try latentsOutsideClass(goal.classIndex, count: count, generator: generator, random: &random,
                                                describe: "outside class '\(className)' of the judge of '\(goal.attribute)'") { batch in
                    try judge.label(batch)[goal.attribute] ?? []
                }
            }
            let source = byImages
                ? "fresh draws from the generator's prior (never training latents) whose images the `\(goal.attribute)` labeller does not call \(className)"
                : "fresh draws from the generator's prior (never training latents) that the judge does not put in \(className)"
            return (drawn.latents, HeldOutBaseline(source: source, poolTargetShare: drawn.priorShare, judgeCheck: judgeCheck))
        }
        let untrained = try untrainedRows(goal.attribute)
        let rows = samplesOutsideClass(goal.classIndex, column: column, candidates: untrained, count: count, random: &random)
        let eligible = untrained.filter { column[$0] != goal.classIndex }.count
        guard !rows.isEmpty else {
            throw JobError("'\(goal.attribute)' -> \(className): no held-out latents: none of the dataset's \(untrained.count) labelled samples that no classifier of the run trained on is another class, and its generator does not render here to draw more")
        }
        let source = "the dataset's own samples that no classifier of the run trained on (in no attribute's training split; no judge trained on them either) and that the dataset labels with another class than \(className): \(rows.count) of the \(eligible), in a seeded order"
        let inClass = Double(untrained.filter { column[$0] == goal.classIndex }.count) / Double(untrained.count)
        return (dataset.latents.gathering(rows: rows), HeldOutBaseline(source: source, poolTargetShare: inClass, judgeCheck: judgeCheck))
    }
}
