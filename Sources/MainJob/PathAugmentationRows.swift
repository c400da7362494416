import Dataset
import Diagnostics
import Editing
import Foundation
import Generator
import Labellers
import LatentClassifier
import NumericCore
import Trainer

/// The rows path augmentation adds for `dataset` (see `PathAugmentation`): `settings.latentCount` latents from the
/// prior (seeded by `seed`), latent i edited toward class i mod K of `target`'s classifier with the plain
/// gradient and the editor's standard settings, the points after `steps` steps rendered by
/// `generator` and labelled by `labellers` (the dataset's own). Deterministic. Throws a `JobError` for a negative
/// count or a step outside 1...the editor's step count.
func pathAugmentationRows(target: TrainedAttribute, dataset: LabelledDataset, generator: any LatentGenerator,
                          labellers: [any ImageLabeller], settings: PathAugmentation, seed: UInt64,
                          editSettings: EditSettings = .standard) throws -> LabelledDataset {
    let count = settings.latentCount(datasetSamples: dataset.count)
    let steps = settings.steps(editorSteps: editSettings.steps)
    guard count >= 0 else { throw JobError("path augmentation needs 0 or more starting latents, got \(count)") }
    guard !steps.isEmpty, steps.allSatisfy({ (1...editSettings.steps).contains($0) }) else {
        throw JobError("path augmentation labels points after 1 to \(editSettings.steps) steps, got \(steps)")
    }
    var random = RandomSource(seed: seed)
    let starts = try generator.drawPrior(count: count, random: &random)
    let classCount = target.result.classifier.architecture.classCount
    let d = starts.shape[1]
    var points = [Float]()
    points.reserveCapacity(count * steps.count * d)
    for classIndex in 0..<classCount {
        let rows = Array(stride(from: classIndex, to: count, by: classCount))
        guard !rows.isEmpty else { continue }
        let edit = try editLatents(starts.gathering(rows: rows),
                                   target: try EditTarget(attribute: target.attribute.name,
                                                          classifier: target.result.classifier, classIndex: classIndex),
                                   protected: [], method: .plain, settings: editSettings)
        let pointCount = edit.path.shape[1]
        for row in rows.indices {
            for step in steps {
                let offset = (row * pointCount + step) * d
                points += edit.path.storage[offset..<(offset + d)]
            }
        }
    }
    let latents = Tensor(shape: [points.count / d, d], storage: points)
    return try dataset.labelledRows(latents, generator: generator, labellers: labellers)
}
