import Dataset
import Diagnostics
import Editing
import Foundation
import Generator
import Labellers
import LatentClassifier
import NumericCore

/// Labelled points along edit paths, added to every attribute's training rows.
///
/// Edits go where the prior's samples lie thin: along the target's gradient paths. There the protected
/// classifiers, which an edit holds still, and the target, whose gradient it follows, have seen no labels, and a
/// target gradient can raise the classifier's probability without changing the image. Latents drawn afresh are
/// edited toward each of the target's classes (a first target's plain gradient, the editor's step settings),
/// the points a few steps along each path are rendered and labelled by the dataset's own labellers, and every
/// classifier, the target included, is trained again with them. Measured on the main job (800 latents edited
/// toward green, judged by the image labellers): see the README's measurements.
public struct PathAugmentation: Sendable, Equatable {
    /// Starting latents edited (latent i toward class i mod K); 0 turns path augmentation off; nil: a tenth of
    /// the dataset's samples (`defaultFraction`).
    public var latents: Int?
    /// The steps along each path whose points are labelled (each in 1...the editor's step count).
    public var labelledSteps: [Int]

    /// The starting latents by default, as a fraction of the dataset's samples: the main job's 20,000 give
    /// 2,000, whose 6,000 points take about 8 s to render and label on 2 cores. With 1,000, 2,000 and 4,000 the
    /// main job's edits toward green kept lightness 91.0/91.0/94.0% and light_side 83.0/88.5/87.0% (200 latents).
    public static let defaultFraction = 0.1

    /// Settings; by default a tenth of the dataset's samples and points after 3, 6 and 9 of the editor's 9 steps.
    public init(latents: Int? = nil, labelledSteps: [Int] = [3, 6, 9]) {
        self.latents = latents
        self.labelledSteps = labelledSteps
    }

    /// The starting latents for a dataset of `sampleCount` samples.
    public func latentCount(datasetSamples sampleCount: Int) -> Int {
        latents ?? Int((Double(sampleCount) * Self.defaultFraction).rounded())
    }

    /// The seed of the starting latents' own stream, from the dataset's seed (never the dataset's own
    /// stream, nor the editor's).
    static func startSeed(datasetSeed: UInt64) -> UInt64 { datasetSeed ^ 0x5041_5448_5341_4D50 }
}

/// The rows path augmentation adds for `dataset` (see `PathAugmentation`): `settings.latentCount` latents from the
/// prior (seeded by `seed`), latent i edited toward class i mod K of `target`'s classifier with the plain
/// gradient and the editor's standard settings, the points after `settings.labelledSteps` steps rendered by
/// `generator` and labelled by `labellers` (the dataset's own). Deterministic. Throws a `JobError` for a negative
/// count or a step outside 1...the editor's step count.
func pathAugmentationRows(target: TrainedAttribute, dataset: LabelledDataset, generator: any LatentGenerator,
                          labellers: [any ImageLabeller], settings: PathAugmentation, seed: UInt64,
                          editSettings: EditSettings = .standard) throws -> LabelledDataset {
    let count = settings.latentCount(datasetSamples: dataset.count)
    guard count >= 0 else { throw JobError("path augmentation needs 0 or more starting latents, got \(count)") }
    guard !settings.labelledSteps.isEmpty, settings.labelledSteps.allSatisfy({ (1...editSettings.steps).contains($0) }) else {
        throw JobError("path augmentation labels points after 1 to \(editSettings.steps) steps, got \(settings.labelledSteps)")
    }
    var random = RandomSource(seed: seed)
    let starts = try generator.drawPrior(count: count, random: &random)
    let classCount = target.result.classifier.architecture.classCount
    let d = starts.shape[1]
    var points = [Float]()
    points.reserveCapacity(count * settings.labelledSteps.count * d)
    for classIndex in 0..<classCount {
        let rows = Array(stride(from: classIndex, to: count, by: classCount))
        guard !rows.isEmpty else { continue }
        let edit = try editLatents(starts.gathering(rows: rows),
                                   target: try EditTarget(attribute: target.attribute.name,
                                                          classifier: target.result.classifier, classIndex: classIndex),
                                   protected: [], method: .plain, settings: editSettings)
        let pointCount = edit.path.shape[1]
        for row in rows.indices {
            for step in settings.labelledSteps {
                let offset = (row * pointCount + step) * d
                points += edit.path.storage[offset..<(offset + d)]
            }
        }
    }
    let latents = Tensor(shape: [points.count / d, d], storage: points)
    return try dataset.labelledRows(latents, generator: generator, labellers: labellers)
}
