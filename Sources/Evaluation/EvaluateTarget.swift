import Dataset
import Editing
import Diagnostics
import Generator
import ImageIO
import Labellers
import NumericCore
import MainJob

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
    /// The attributes whose labels are checked for change: every built-in labeller but the target's.
    public let judgedAttributes: [String]
    /// The methods in order, with how each was set up.
    public let methods: [(name: String, detail: String)]
    /// One point per method and length, methods in order, lengths ascending within each.
    public let points: [SweepPoint]
    /// The path length of the example images.
    public let exampleLength: Float
    /// Example images: the first latents' originals, then each method's final images at `exampleLength`.
    public let examples: [(row: String, images: [RGBImage])]

    /// A target's results from their parts.
    public init(attribute: String, className: String, latentCount: Int, meanStartNorm: Double, judgedAttributes: [String],
                methods: [(name: String, detail: String)], points: [SweepPoint], exampleLength: Float,
                examples: [(row: String, images: [RGBImage])]) {
        self.attribute = attribute
        self.className = className
        self.latentCount = latentCount
        self.meanStartNorm = meanStartNorm
        self.judgedAttributes = judgedAttributes
        self.methods = methods
        self.points = points
        self.exampleLength = exampleLength
        self.examples = examples
    }

    /// "<attribute>-to-<class>", the stem of this target's files.
    public var fileStem: String { "\(attribute)-to-\(className)" }
}

/// Edits `latents` `[N, D]` toward class `classIndex` of `attribute` with every method in `methods`, for every
/// path of `lengths` in `steps` steps; renders the start and the final point of each path, labels the images
/// with the built-in labellers and measures each point as `SweepPoint` describes. Keeps the first
/// `exampleCount` images of each method at `exampleLength` for a sheet. Deterministic. Throws if the attribute
/// has no built-in labeller or an edit fails.
public func evaluateTarget(attribute: String, classIndex: Int, latents: Tensor, methods: [EvaluatedMethod],
                           lengths: [Float], steps: Int, generator: any LatentGenerator,
                           exampleLength: Float, exampleCount: Int) throws -> TargetEvaluation {
    guard let labeller = builtInLabeller(attribute) else {
        throw JobError("attribute '\(attribute)' has no built-in image labeller to judge edits with")
    }
    let shown = min(exampleCount, latents.shape[0])
    let before = try renderAll(latents, generator: generator)
    let labelsBefore = labelImages(before)
    var points = [SweepPoint]()
    var examples = [(row: String, images: [RGBImage])]()
    examples.append(("original", rgbImages(before.rows(0..<shown))))
    let progress = Progress("\(attribute) -> \(labeller.classes[classIndex])", total: methods.count * lengths.count)
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
            let after = try renderAll(finals, generator: generator)
            let judgement = judgeEdit(attribute: attribute, targetClass: classIndex, before: labelsBefore,
                                      after: labelImages(after))!
            let unchanged = judgement.unchanged.map(\.rate)
            points.append(SweepPoint(method: method.name, length: length, successRate: judgement.successRate,
                                     unchanged: unchanged, meanUnchanged: unchanged.reduce(0, +) / Double(max(unchanged.count, 1)),
                                     meanNorm: finals.meanRowNorm, meanPixelChange: meanAbsoluteDifference(before, after) / 2,
                                     stoppedEarly: stopped))
            if length == exampleLength { examples.append((method.name, rgbImages(after.rows(0..<shown)))) }
            progress.update(points.count)
            if method.stopsSweepAtSuccess && judgement.successRate >= oracleSweepSuccess && length >= exampleLength { break }
        }
    }
    progress.finish()
    return TargetEvaluation(attribute: attribute, className: labeller.classes[classIndex], latentCount: latents.shape[0],
                            meanStartNorm: latents.meanRowNorm,
                            judgedAttributes: BuiltInLabellers.all.map(\.name).filter { $0 != attribute },
                            methods: methods.map { ($0.name, $0.detail) }, points: points,
                            exampleLength: exampleLength, examples: examples)
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
