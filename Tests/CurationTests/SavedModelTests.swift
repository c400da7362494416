import CommandTestSupport
import Curation
import Dataset
import Foundation
import NumericCore
import Testing
import TensorFormats

/// The page's model saved beside the labels: read back whole, or ignored with one line when it cannot serve.
@Suite("Saved page model")
struct SavedModelTests {
    /// Few folds and steps: these tests are about the file, not the model's quality.
    private let settings = ActiveLearningSettings(minimumPerClass: 3, retrainEvery: 5, folds: 3, minimumSteps: 100)

    /// An external dataset of 80 4-d latents with the attribute `side` (left, right) labelled by the sign of
    /// the first coordinate on samples 0..<`labelled`, saved in `scratch`.
    private func labelledDataset(_ scratch: TemporaryDirectory, labelled: Int = 30) throws -> (folder: String, dataset: LabelledDataset) {
        let count = 80
        let latents = gaussianLatents(count, 4, seed: 11)
        let manifest = DatasetManifest(generator: DatasetManifest.externalGenerator, checkpointSHA256: nil,
                                       latentDimension: 4, seed: nil, count: count, imagesStored: false, attributes: [])
        let folder = scratch.path("external")
        try LabelledDataset(manifest: manifest, latents: latents, labels: [], scores: nil).save(to: folder)
        let opened = try openForCuration(folder: folder, attribute: "side", classes: ["left", "right"])
        let column: [Int?] = (0..<count).map { $0 < labelled ? (latents.storage[$0 * 4] > 0 ? 1 : 0) : nil }
        let dataset = try opened.setting(opened.manifest.attributes[0], labels: column)
        try dataset.saveLabels(in: folder)
        return (folder, dataset)
    }

    private func load(_ path: String, _ dataset: LabelledDataset, labels: [Int?]? = nil,
                      attribute: Attribute? = nil, latents: Tensor? = nil) -> SavedModelLoad {
        loadCurationModel(from: path, attribute: attribute ?? dataset.manifest.attributes[0],
                          labels: labels ?? dataset.labels[0], latents: latents ?? dataset.latents)
    }

    private func ignoredReason(_ load: SavedModelLoad) -> String? {
        if case .ignored(let reason) = load { return reason }
        return nil
    }

    @Test("a saved model reads back with the same classifiers, figures, history and labels; new labels make it stale")
    func roundTrip() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, dataset) = try labelledDataset(scratch)
        let model = try #require(try trainCurationModel(dataset, attribute: "side", settings: settings))
        let earlier = HeldOutFigures(labels: 10, accuracy: 0.6, majorityRate: 0.7, majorityClass: 1, balancedAccuracy: 0.55)
        let path = savedModelPath(folder: folder, attribute: "side")
        #expect(path.hasSuffix("external/curation/side.model.safetensors"))
        try saveCurationModel(model, history: [earlier, model.figures], attribute: dataset.manifest.attributes[0],
                              latents: dataset.latents, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/curation") == ["side.model.safetensors"],
                "written atomically: no temporary file left beside it")

        guard case .loaded(let saved) = load(path, dataset) else {
            Issue.record("not loaded: \(load(path, dataset))")
            return
        }
        #expect(!saved.stale)
        #expect(saved.model.classifiers.count == model.classifiers.count)
        #expect(saved.model.probabilities == model.probabilities)
        #expect(saved.model.figures == model.figures && saved.model.labelCount == 30)
        #expect(saved.model.trainedLabels == dataset.labels[0])
        #expect(saved.history == [earlier, model.figures])

        // One more label: the same model, marked stale (the session retrains it at once).
        var more = dataset.labels[0]
        more[50] = 1
        guard case .loaded(let stale) = load(path, dataset, labels: more) else {
            Issue.record("a model with one label more is still used")
            return
        }
        #expect(stale.stale && stale.model.probabilities == model.probabilities)
    }

    @Test("a damaged file, another attribute's model, other latents or removed labels: ignored with one line naming the file")
    func ignored() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, dataset) = try labelledDataset(scratch)
        let model = try #require(try trainCurationModel(dataset, attribute: "side", settings: settings))
        let attribute = dataset.manifest.attributes[0]
        let path = savedModelPath(folder: folder, attribute: "side")
        if case .absent = load(path, dataset) {} else { Issue.record("no file: nothing to load") }
        try saveCurationModel(model, history: [model.figures], attribute: attribute, latents: dataset.latents, to: path)
        let good = try Data(contentsOf: URL(fileURLWithPath: path))

        func expectIgnored(_ load: SavedModelLoad, _ words: String, _ comment: Comment) {
            let reason = ignoredReason(load)
            #expect(reason?.hasPrefix(path + ": saved model ignored: ") == true, comment)
            #expect(reason?.contains(words) == true, "\(comment): \(reason ?? "loaded")")
            #expect(reason?.contains("\n") == false)
        }

        // Another attribute's classes, or another attribute name.
        let three = Attribute(name: "side", kind: .multiclass, classes: ["left", "middle", "right"], origin: .manual(file: "curate"))
        expectIgnored(load(path, dataset, attribute: three), "classes", "trained for two classes, not three")
        let other = Attribute(name: "tilt", kind: .binary, classes: ["left", "right"], origin: .manual(file: "curate"))
        expectIgnored(load(path, dataset, attribute: other), "'side'", "trained for another attribute")
        // Other latents (one value changed), or labels it was trained on removed since.
        var moved = dataset.latents
        moved.storage[5] += 1
        expectIgnored(load(path, dataset, latents: moved), "other latents", "latents changed")
        var fewer = dataset.labels[0]
        fewer[3] = nil
        expectIgnored(load(path, dataset, labels: fewer), "no longer exist", "a label it was trained on is gone")

        // Damaged files: cut short, garbage, a NaN weight, a tensor of the wrong shape, metadata not a page model's.
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: path))
        expectIgnored(load(path, dataset), "runs past the end", "cut short")
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: path))
        expectIgnored(load(path, dataset), "not a safetensors file", "garbage")
        let file = try decodeSafeTensors(good, name: path)
        var tensors = [String: Tensor]()
        for name in file.names { tensors[name] = try file.tensor(name) }
        var poisoned = tensors
        poisoned["fold.1.layers.0.weight"]!.storage[2] = .nan
        try writeSafeTensors(poisoned, metadata: file.metadata, to: path)
        expectIgnored(load(path, dataset), "NaN", "a NaN weight")
        var misshapen = tensors
        misshapen["fold.0.layers.1.bias"] = Tensor(shape: [2], storage: [0, 0])
        try writeSafeTensors(misshapen, metadata: file.metadata, to: path)
        expectIgnored(load(path, dataset), "shape", "a bias of the wrong shape")
        try writeSafeTensors(tensors, metadata: ["curation_model": #"{"formatVersion": 1}"#], to: path)
        expectIgnored(load(path, dataset), "metadata", "metadata without the model's description")
        try writeSafeTensors(tensors, metadata: [:], to: path)
        expectIgnored(load(path, dataset), "not a page model", "no metadata")
    }

    @Test("a session reads the saved model at its start: the orders work at once; a stale one is retrained at once, a damaged one ignored")
    func sessionRestores() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let (folder, dataset) = try labelledDataset(scratch)
        let first = try CurationSession(dataset: dataset, folder: folder, attribute: "side", settings: settings)
        #expect(first.restoreNote == nil, "nothing saved yet")
        await first.resumeTraining()
        await first.waitForTraining()
        let trained = try #require(await first.currentModel)
        #expect(await first.saveError == nil)
        #expect(FileManager.default.fileExists(atPath: savedModelPath(folder: folder, attribute: "side")))

        // A restart: the model is there before any label, and the orders that need it work.
        let second = try CurationSession(dataset: try LabelledDataset.load(from: folder), folder: folder,
                                         attribute: "side", settings: settings)
        #expect(second.restoreNote?.contains("loaded (trained on 30 labels)") == true, "\(second.restoreNote ?? "none")")
        #expect(await second.modelIsRestored)
        #expect(await second.currentModel?.probabilities == trained.probabilities)
        #expect(await second.samples(in: .uncertain).samples?.count == 50)
        #expect(await second.samples(in: .disagreements).samples != nil)
        #expect(await second.accuracyHistory == [trained.figures])
        await second.resumeTraining()
        #expect(!(await second.isTraining), "an up-to-date model is not trained again")

        // Labels added while no server ran: the saved model serves, and a new one is trained at once.
        var column = dataset.labels[0]
        column[40] = 1
        try dataset.setting(dataset.manifest.attributes[0], labels: column).saveLabels(in: folder)
        let third = try CurationSession(dataset: try LabelledDataset.load(from: folder), folder: folder,
                                        attribute: "side", settings: settings)
        #expect(third.restoreNote?.contains("retraining now") == true)
        #expect(await third.samples(in: .uncertain).samples != nil)
        await third.resumeTraining()
        #expect(await third.isTraining)
        await third.waitForTraining()
        #expect(await third.currentModel?.labelCount == 31)
        #expect(!(await third.modelIsRestored))
        #expect(await third.accuracyHistory.map(\.labels) == [30, 31], "the history goes on from the saved one")

        // A damaged file: one line, no model, and the session trains one at once from the labels.
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: savedModelPath(folder: folder, attribute: "side")))
        let fourth = try CurationSession(dataset: try LabelledDataset.load(from: folder), folder: folder,
                                         attribute: "side", settings: settings)
        #expect(fourth.restoreNote?.contains("saved model ignored") == true)
        #expect(await fourth.currentModel == nil)
        #expect(await fourth.samples(in: .uncertain).samples == nil)
        await fourth.resumeTraining()
        await fourth.waitForTraining()
        #expect(await fourth.currentModel?.labelCount == 31)
    }

    @Test("held-out figures: the majority-class rate and the balanced accuracy beside the accuracy")
    func baselines() {
        // Four 'no' and one 'yes', everything predicted 'no': accuracy equals the majority rate, balanced 0.5.
        let allNo = HeldOutFigures(truth: [0, 0, 0, 0, 1], predicted: [0, 0, 0, 0, 0], classCount: 2)
        #expect(allNo.labels == 5 && allNo.accuracy == 0.8 && allNo.majorityRate == 0.8 && allNo.balancedAccuracy == 0.5)
        #expect(allNo.majorityClass == 0)
        // Three classes: recalls 1/2, 1, 0/1 → balanced 0.5; majority 2 of 4.
        let three = HeldOutFigures(truth: [0, 0, 1, 2], predicted: [0, 1, 1, 0], classCount: 3)
        #expect(three.accuracy == 0.5 && three.majorityRate == 0.5 && three.balancedAccuracy == 0.5)
        // A class without labels does not count in the balanced accuracy.
        let absent = HeldOutFigures(truth: [0, 0, 2], predicted: [0, 0, 2], classCount: 3)
        #expect(absent.balancedAccuracy == 1 && absent.majorityRate == 2.0 / 3.0)
        #expect(HeldOutFigures(truth: [1, 1, 0], predicted: [0, 0, 0], classCount: 2).majorityClass == 1)
    }
}
