import Dataset
import Editing
import Diagnostics
import Generator
import ImageIO
import Labellers
import NumericCore
import MainJob

/// What success is measured from on a target's held-out latents: how they were chosen, and the baselines beside
/// success.
public struct HeldOutBaseline: Sendable, Equatable {
    /// How the held-out latents were chosen, in a sentence.
    public let source: String
    /// The share of the pool they were chosen from that is already in the target class (by the judge for prior
    /// draws, by the dataset's own labels for its samples): what a method that moves nothing would "reach" on
    /// latents not chosen outside the class. Nil when unknown.
    public let poolTargetShare: Double?
    /// The judge's accuracy on the target's labels of dataset samples no judge trained on (those no classifier of
    /// the run trained on, and the held-out half of the target's split), its majority-class rate there, and how many
    /// samples: nil when not measured (the image labellers define the built-in labels).
    public let judgeCheck: JudgeCheck?

    /// A baseline from its parts.
    public init(source: String, poolTargetShare: Double? = nil, judgeCheck: JudgeCheck? = nil) {
        self.source = source
        self.poolTargetShare = poolTargetShare
        self.judgeCheck = judgeCheck
    }
}

/// A judge's accuracy on held-out labels, beside the rate of always answering the most common class.
public struct JudgeCheck: Sendable, Equatable {
    /// The share of the samples whose label the judge gives.
    public let accuracy: Double
    /// The share of the samples in their most common class.
    public let majorityRate: Double
    /// The samples.
    public let count: Int

    /// The judge's `predicted` classes against the `truth`, in the same order.
    public init(predicted: [Int], truth: [Int]) {
        count = truth.count
        accuracy = Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(max(truth.count, 1))
        majorityRate = Double(Dictionary(grouping: truth, by: { $0 }).values.map(\.count).max() ?? 0) / Double(max(truth.count, 1))
    }
}

/// Every method's sweep on one edit target: the table rows, the methods' set-up, and example images.
public struct TargetEvaluation: Sendable {
    /// The target attribute.
    public let attribute: String
    /// The class the edits go toward.
    public let className: String
    /// The held-out latents edited.
    public let latentCount: Int
    /// Their mean norm before editing.
    public let meanStartNorm: Double
    /// The attributes whose labels are checked for change: every other attribute the judge labels.
    public let judgedAttributes: [String]
    /// The methods in order, with how each was set up.
    public let methods: [(name: String, detail: String)]
    /// One point per method and length, methods in order, lengths ascending within each.
    public let points: [SweepPoint]
    /// The path length of the example images.
    public let exampleLength: Float
    /// Example images: the first latents' originals, then each method's final images at `exampleLength`; none
    /// when the generator does not render here.
    public let examples: [(row: String, images: [RGBImage])]
    /// Who judged every figure of this target (`JudgeLabels.name`).
    public let judge: String
    /// The share of the held-out latents the judge puts in the target class before any edit: the unedited baseline
    /// of success.
    public let successBefore: Double
    /// How the held-out latents were chosen and the other baselines.
    public let baseline: HeldOutBaseline
    /// The bundle's own defaults on the same latents, judged set by set (`scoreDefaults`); nil until scored.
    public var defaults: DefaultsScorecard?

    /// A target's results from their parts.
    public init(attribute: String, className: String, latentCount: Int, meanStartNorm: Double, judgedAttributes: [String],
                methods: [(name: String, detail: String)], points: [SweepPoint], exampleLength: Float,
                examples: [(row: String, images: [RGBImage])], judge: String = imageLabellersJudgeName,
                successBefore: Double = 0, baseline: HeldOutBaseline = HeldOutBaseline(source: "")) {
        self.attribute = attribute
        self.className = className
        self.latentCount = latentCount
        self.meanStartNorm = meanStartNorm
        self.judgedAttributes = judgedAttributes
        self.methods = methods
        self.points = points
        self.exampleLength = exampleLength
        self.examples = examples
        self.judge = judge
        self.successBefore = successBefore
        self.baseline = baseline
    }

    /// "<attribute>-to-<class>", the stem of this target's files.
    public var fileStem: String { "\(attribute)-to-\(className)" }
}

/// The name the built-in image labellers judge under (`imageLabellerLabels`).
public let imageLabellersJudgeName = "the built-in image labellers"

/// Edits `latents` `[N, D]` toward class `classIndex` of `attribute` with every method in `methods`, for every
/// path of `lengths` in `steps` steps, and judges the start and the final point of each path with `judge` (by
/// default the built-in image labellers on the rendered images), measuring each point as `SweepPoint` describes.
/// When the generator renders, keeps the first `exampleCount` images of each method at `exampleLength` for a sheet
/// and measures the pixel change; `baseline` is carried into the result. Deterministic. Throws if there is no judge
/// (no judge given and no built-in labeller of the attribute, or a generator that cannot render) or an edit fails.
public func evaluateTarget(attribute: String, classIndex: Int, latents: Tensor, methods: [EvaluatedMethod],
                           lengths: [Float], steps: Int, generator: any LatentGenerator,
                           exampleLength: Float, exampleCount: Int, judge given: JudgeLabels? = nil,
                           baseline: HeldOutBaseline = HeldOutBaseline(source: "")) throws -> TargetEvaluation {
    guard let judge = given ?? imageLabellerLabels(attribute: attribute, generator: generator) else {
        throw JobError("attribute '\(attribute)' has no built-in image labeller to judge edits with here, and no other judge was given")
    }
    // The image labellers label the renders made for the pixel change, rather than rendering again.
    let byImages = given == nil
    let renders = generator.canRender
    let shown = min(exampleCount, latents.shape[0])
    let before = renders ? try renderAll(latents, generator: generator) : nil
    func labels(_ points: Tensor, images: Tensor?) throws -> [String: [Int]] {
        if byImages, let images { return labelImages(images) }
        return try judge.label(points)
    }
    let labelsBefore = try labels(latents, images: before)
    let successBefore = Double((labelsBefore[attribute] ?? []).filter { $0 == classIndex }.count) / Double(max(latents.shape[0], 1))
    var points = [SweepPoint]()
    var examples = [(row: String, images: [RGBImage])]()
    if let before { examples.append(("original", rgbImages(before.rows(0..<shown)))) }
    let progress = Progress("\(attribute) -> \(judge.classNames[classIndex])", total: methods.count * lengths.count)
    let oracleStatistics = protectedImageStatistics(exceptTarget: attribute)
    for method in methods {
        for length in lengths {
            let settings = try method.settings(length: length, steps: steps)
            let finals: Tensor, stopped: Int
            switch method.walk {
            case .edit:
                let result = try editLatents(latents, target: method.target, protected: method.protected,
                                             method: method.method, settings: settings)
                (finals, stopped) = (result.finalLatents, result.stops.filter { $0 != nil }.count)
            case .random(let seed):
                var random = RandomSource(seed: seed)
                (finals, stopped) = (randomWalk(latents, settings: settings, random: &random), 0)
            case .imageOracle:
                (finals, stopped) = try imageOracleWalk(latents, target: method.target, statistics: oracleStatistics,
                                                        settings: settings, generator: generator)
            }
            let after = renders ? try renderAll(finals, generator: generator) : nil
            let judgement = judge.judge(targetClass: classIndex, before: labelsBefore, after: try labels(finals, images: after))
            let unchanged = judgement.unchanged.map(\.rate)
            points.append(SweepPoint(method: method.name, length: length, successRate: judgement.successRate,
                                     unchanged: unchanged, meanUnchanged: unchanged.reduce(0, +) / Double(max(unchanged.count, 1)),
                                     meanNorm: finals.meanRowNorm,
                                     meanPixelChange: before.flatMap { before in after.map { meanAbsoluteDifference(before, $0) / 2 } },
                                     stoppedEarly: stopped))
            if length == exampleLength, let after { examples.append((method.name, rgbImages(after.rows(0..<shown)))) }
            progress.update(points.count)
            if method.stopsSweepAtSuccess && judgement.successRate >= oracleSweepSuccess && length >= exampleLength { break }
        }
    }
    progress.finish()
    return TargetEvaluation(attribute: attribute, className: judge.classNames[classIndex], latentCount: latents.shape[0],
                            meanStartNorm: latents.meanRowNorm, judgedAttributes: judge.others,
                            methods: methods.map { ($0.name, $0.detail) }, points: points,
                            exampleLength: exampleLength, examples: examples, judge: judge.name,
                            successBefore: successBefore, baseline: baseline)
}

/// The success at which the oracle's sweep may end (once the example length is also done).
let oracleSweepSuccess = 0.9

/// The images `[N, 3, H, W]` of `latents`, rendered in batches.
func renderAll(_ latents: Tensor, generator: any LatentGenerator) throws -> Tensor {
    var storage = [Float]()
    try generator.forEachRenderedBatch(latents) { _, batch in storage += batch.storage }
    return Tensor(shape: [latents.shape[0]] + (generator.imageShape ?? []), storage: storage)
}

/// The mean absolute difference of two tensors of equal shape.
func meanAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
    zip(a.storage, b.storage).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(max(a.count, 1))
}
