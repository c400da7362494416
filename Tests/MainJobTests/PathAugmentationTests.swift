import Dataset
import Diagnostics
import Editing
import Generator
@testable import MainJob
import Labellers
import NumericCore
import Testing
import Trainer

@Suite("Path augmentation")
struct PathAugmentationTests {
    static let generator: Result<DCGANGenerator, any Error> = Result { try DCGANGenerator.embedded() }

    /// A small sampled dataset and a quickly trained `color` target on it.
    private func smallTarget() throws -> (LabelledDataset, TrainedAttribute) {
        let dataset = try DatasetSampler(generator: try Self.generator.get(), labellers: BuiltInLabellers.all,
                                         count: 300, seed: 4).run()
        var options = AttributeTrainingOptions(seed: 4)
        options.hidden = [16]
        options.training.epochs = 3
        return (dataset, try trainAttribute("color", in: dataset, multiclass: 5, options: options))
    }

    @Test("points after 3, 6 and 9 steps of the target's plain gradient paths, labelled by the dataset's labellers; deterministic")
    func rowsFollowThePaths() throws {
        let generator = try Self.generator.get()
        let (dataset, target) = try smallTarget()
        let labellers = try #require(dataset.builtInLabellers)
        let settings = PathAugmentation(latents: 10)
        let rows = try pathAugmentationRows(target: target, dataset: dataset, generator: generator, labellers: labellers,
                                            settings: settings, seed: 77)
        #expect(rows.count == 30 && rows.manifest.attributes == dataset.manifest.attributes)
        let again = try pathAugmentationRows(target: target, dataset: dataset, generator: generator, labellers: labellers,
                                             settings: settings, seed: 77)
        #expect(again.latents == rows.latents && again.labels == rows.labels && again.scores == rows.scores)
        // Class 0's latents are starts 0 and 5 (latent i goes toward class i mod 5); their points come first.
        var random = RandomSource(seed: 77)
        let starts = generator.samplePrior(count: 10, random: &random)
        let edit = try editLatents(starts.gathering(rows: [0, 5]),
                                   target: try EditTarget(attribute: "color", classifier: target.result.classifier, classIndex: 0),
                                   protected: [], method: .plain, settings: .standard)
        let d = starts.shape[1], points = edit.path.shape[1]
        for (row, (latent, step)) in [(0, 3), (0, 6), (0, 9), (1, 3), (1, 6), (1, 9)].enumerated() {
            let expected = Array(edit.path.storage[((latent * points + step) * d)..<((latent * points + step + 1) * d)])
            #expect(Array(rows.latents.storage[(row * d)..<((row + 1) * d)]) == expected)
        }
        // The editor's paths keep the starting latent's norm.
        func norm(_ t: Tensor, _ row: Int) -> Float { t.storage[(row * d)..<((row + 1) * d)].reduce(0) { $0 + $1 * $1 }.squareRoot() }
        #expect(abs(norm(rows.latents, 2) - norm(starts, 0)) < 1e-3 * norm(starts, 0))
        let direct = try dataset.labelledRows(rows.latents, generator: generator, labellers: labellers)
        #expect(direct.labels == rows.labels && direct.scores == rows.scores)
    }

    @Test("extra rows join the training split only: validation and held-out samples stay the dataset's own")
    func extraRowsTrainOnly() throws {
        let generator = try Self.generator.get()
        let (dataset, target) = try smallTarget()
        let rows = try pathAugmentationRows(target: target, dataset: dataset, generator: generator,
                                            labellers: try #require(dataset.builtInLabellers),
                                            settings: PathAugmentation(latents: 20), seed: 5)
        var options = AttributeTrainingOptions(seed: 4)
        options.hidden = [16]
        options.training.epochs = 2
        let plain = try trainAttribute("lightness", in: dataset, multiclass: nil, options: options)
        let augmented = try trainAttribute("lightness", in: dataset, multiclass: nil, options: options, extraTrainingRows: rows)
        #expect(augmented.heldOut == plain.heldOut && augmented.split.validation == plain.split.validation)
        #expect(augmented.result.metrics.trainingClassCounts.reduce(0, +) == plain.result.metrics.trainingClassCounts.reduce(0, +) + 60)
        #expect(augmented.result.metrics.validationClassCounts == plain.result.metrics.validationClassCounts)
        #expect(augmented.heldOutEvaluation.accuracy.isFinite)
    }

    @Test("a negative count or a labelled step outside the editor's steps is refused, not a crash")
    func badSettings() throws {
        let generator = try Self.generator.get()
        let (dataset, target) = try smallTarget()
        let labellers = try #require(dataset.builtInLabellers)
        for settings in [PathAugmentation(latents: -3), PathAugmentation(latents: 4, labelledSteps: [0]),
                         PathAugmentation(latents: 4, labelledSteps: [-1, 3]), PathAugmentation(latents: 4, labelledSteps: [10]),
                         PathAugmentation(latents: 4, labelledSteps: [])] {
            #expect(throws: JobError.self) {
                try pathAugmentationRows(target: target, dataset: dataset, generator: generator, labellers: labellers,
                                         settings: settings, seed: 1)
            }
        }
    }
}
