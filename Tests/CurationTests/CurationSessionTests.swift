import CommandTestSupport
import Curation
import Dataset
import Diagnostics
import Foundation
import NumericCore
import Testing

@Suite("Curation session")
struct CurationSessionTests {
    /// An external dataset of `count` 4-d latents in `scratch`, without attributes.
    private func externalDataset(_ scratch: TemporaryDirectory, count: Int = 120) throws -> (folder: String, latents: Tensor) {
        let latents = gaussianLatents(count, 4, seed: 7)
        let manifest = DatasetManifest(generator: DatasetManifest.externalGenerator, checkpointSHA256: nil,
                                       latentDimension: 4, seed: nil, count: count, imagesStored: false, attributes: [])
        let folder = scratch.path("external")
        try LabelledDataset(manifest: manifest, latents: latents, labels: [], scores: nil).save(to: folder)
        return (folder, latents)
    }

    // No time limit: alone it takes about a second, but in the full suite the background training waits for a
    // cooperative thread while the command-driving tests hold both of this machine's.
    @Test("labels reach labels.csv before they are acknowledged; the model trains in the background and orders follow it")
    func labelsAndModel() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, latents) = try externalDataset(scratch)
        let dataset = try openForCuration(folder: folder, attribute: "side", classes: ["left", "right"])
        #expect(try LabelledDataset.load(from: folder).manifest.attributes.map(\.name) == ["side"])
        let session = try CurationSession(dataset: dataset, folder: folder, attribute: "side",
                                          settings: ActiveLearningSettings(minimumPerClass: 3, retrainEvery: 5, minimumSteps: 300))
        // The truth: the sign of the first coordinate.
        func truth(_ i: Int) -> Int { latents.storage[i * 4] > 0 ? 1 : 0 }
        #expect(await session.samples(in: .uncertain).samples == nil, "no model before any label")
        for sample in 0..<60 {
            _ = try await session.setLabel(sample: sample, to: truth(sample))
            let onDisk = try LabelledDataset.load(from: folder).labels[0]
            #expect(onDisk[sample] == truth(sample))
        }
        await session.waitForTraining()
        let model = try #require(await session.currentModel)
        #expect(model.heldOutAccuracy >= 0.8, "a linear rule in 4-d is learnt from 60 labels")
        let history = await session.accuracyHistory
        #expect(history.count >= 2, "a model after the first labels of each class, then more as labels arrive")
        #expect(history.last?.labels == model.labelCount && history.last?.accuracy == model.heldOutAccuracy)
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.labels < $1.labels }, "each model on more labels")
        let uncertain = try #require(await session.samples(in: .uncertain).samples)
        #expect(uncertain.count == 60 && uncertain.allSatisfy { $0 >= 60 }, "only unlabelled samples")
        // A wrong label shows up among the disagreements.
        let wrong = (0..<60).first { abs(latents.storage[$0 * 4]) > 1.5 }!
        _ = try await session.setLabel(sample: wrong, to: 1 - truth(wrong))
        #expect(await session.samples(in: .disagreements).samples?.contains(wrong) == true)
        // Out of range: refused, nothing written.
        let before = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("labels.csv"))
        await #expect(throws: CurationRequestError.self) { try await session.setLabel(sample: 120, to: 0) }
        await #expect(throws: CurationRequestError.self) { try await session.setLabel(sample: 0, to: 2) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("labels.csv")) == before)
        // Another program rewrites labels.csv: the session refuses to write over it.
        var other = try LabelledDataset.load(from: folder)
        var column = other.labels[0]
        column[100] = 1
        other = try other.setting(other.manifest.attributes[0], labels: column)
        try other.saveLabels(in: folder)
        await #expect { try await session.setLabel(sample: 101, to: 0) } throws: {
            ($0 as? CurationRequestError)?.status == .conflict
        }
        #expect(try LabelledDataset.load(from: folder).labels[0][100] == 1)
    }

    @Test("external latents without images: the page says so plainly")
    func externalImages() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, _) = try externalDataset(scratch, count: 10)
        let dataset = try openForCuration(folder: folder, attribute: "smile", classes: ["no", "yes"])
        let images = SampleImageSource(dataset: dataset, folder: folder, generator: nil)
        #expect(images.unavailableReason?.contains("another generator") == true)
        await #expect(throws: CurationRequestError.self) { try await images.png(of: 0) }
    }

    @Test("attributes made by a labeller, classes that disagree, or a new attribute without classes are refused")
    func refusedTargets() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, _) = try externalDataset(scratch, count: 10)
        _ = try openForCuration(folder: folder, attribute: "smile", classes: ["no", "yes"])
        #expect(throws: FileError.self) { try openForCuration(folder: folder, attribute: "smile", classes: ["a", "b"]) }
        #expect(throws: FileError.self) { try openForCuration(folder: folder, attribute: "glasses", classes: nil) }
        #expect(throws: FileError.self) {
            try openForCuration(folder: folder, attribute: "many", classes: (0..<10).map { "c\($0)" })
        }
    }
}
