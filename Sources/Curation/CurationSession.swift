import Dataset
import Diagnostics
import Foundation

/// One labelling session: the dataset in memory, the attribute being labelled, the current model.
///
/// Every model is saved beside the labels (`savedModelPath`, atomically) and read back when a session starts,
/// so the orders that need a model work at once after a restart; a saved model that labels changed since is
/// used and trained again at once (`resumeTraining`).
///
/// Every label is written to the folder's `labels.csv` (atomically) before it is acknowledged, so a killed
/// server loses nothing acknowledged. Labels from several tabs are applied one at a time in arrival order: the
/// last write of a sample wins, and `version` tells the tabs to refresh.
public actor CurationSession {
    /// The dataset folder.
    public nonisolated let folder: String
    /// The attribute being labelled.
    public nonisolated let attribute: Attribute
    /// When the model is retrained.
    public nonisolated let settings: ActiveLearningSettings
    private let attributeIndex: Int
    private var dataset: LabelledDataset
    /// Increases with every change of a label.
    public private(set) var version = 0
    /// Increases with every new model.
    public private(set) var modelVersion = 0
    private var model: CurationModel?
    /// Every model of the attribute, oldest first (those of earlier sessions as saved): the labels it was
    /// trained on and its held-out figures.
    public private(set) var accuracyHistory: [HeldOutFigures] = []
    /// Whether the current model is the saved one read at the start (no model trained by this session yet).
    public private(set) var modelIsRestored = false
    /// What became of the saved model at the start, one line (loaded, stale, or ignored and why); nil if none was saved.
    public nonisolated let restoreNote: String?
    private var changesSinceTraining = 0
    private var training = false
    private var retrainAtOnce = false
    private var lastTrainingError: String?
    /// Why the last model could not be saved, or nil.
    public private(set) var saveError: String?
    private let fingerprint: String
    /// `labels.csv` as this session last read or wrote it, to notice another program's writes.
    private var labelsOnDisk: Data?

    /// A session on `dataset` (already saved in `folder` with the attribute `name`, see `openForCuration`).
    public init(dataset: LabelledDataset, folder: String, attribute name: String,
                settings: ActiveLearningSettings = ActiveLearningSettings()) throws {
        self.folder = folder
        self.settings = settings
        self.dataset = dataset
        attributeIndex = try dataset.attributeIndex(name)
        attribute = dataset.manifest.attributes[attributeIndex]
        labelsOnDisk = FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent(DatasetFiles.labels).path)
        fingerprint = latentsFingerprint(dataset.latents)
        let path = savedModelPath(folder: folder, attribute: name)
        switch loadCurationModel(from: path, attribute: attribute, labels: dataset.labels[attributeIndex],
                                 latents: dataset.latents, fingerprint: fingerprint) {
        case .absent:
            restoreNote = nil
        case .ignored(let reason):
            restoreNote = reason
        case .loaded(let saved):
            model = saved.model
            accuracyHistory = saved.history
            modelIsRestored = true
            retrainAtOnce = saved.stale
            restoreNote = "model: \(path) loaded (trained on \(saved.model.labelCount) labels)"
                + (saved.stale ? "; the labels changed since, retraining now" : "")
        }
    }

    /// Starts training in the background at once when the saved model is stale, or when there is no model
    /// but every class has enough labels; otherwise training waits for labels as usual. Call it once the
    /// session is set up (the server does before it listens).
    public func resumeTraining() {
        if model == nil { changesSinceTraining = max(changesSinceTraining, 1) }
        if retrainAtOnce { changesSinceTraining = max(changesSinceTraining, settings.retrainEvery) }
        retrainAtOnce = false
        retrainIfDue()
    }

    private nonisolated var labelsPath: String {
        URL(fileURLWithPath: folder).appendingPathComponent(DatasetFiles.labels).path
    }

    /// The number of samples.
    public var count: Int { dataset.count }

    /// The current labels of the attribute, one per sample (nil if unlabelled).
    public var labels: [Int?] { dataset.labels[attributeIndex] }

    /// The current model, if one has been trained.
    public var currentModel: CurationModel? { model }

    /// Whether a model is being trained now.
    public var isTraining: Bool { training }

    /// Why there is no model yet (or why the last training failed), or nil.
    public var modelNote: String? {
        if let lastTrainingError { return "training failed: \(lastTrainingError)" }
        if model != nil { return nil }
        return modelNotReadyReason(labels: labels, classes: attribute.classes, minimumPerClass: settings.minimumPerClass)
            ?? (training ? "training the first model" : nil)
    }

    /// Sets the label of `sample` to `label` (nil removes it), writes `labels.csv`, and returns the new
    /// version. Throws `CurationRequestError` for a sample or class out of range, or when another program
    /// (an import, say) rewrote `labels.csv` since this session read it, whose labels a write from here would
    /// lose; `FileError` when the file cannot be written. Nothing changes then.
    public func setLabel(sample: Int, to label: Int?) throws -> Int {
        guard (0..<dataset.count).contains(sample) else {
            throw CurationRequestError(.notFound, "no sample \(sample) (the dataset has \(dataset.count), 0-\(dataset.count - 1))")
        }
        if let label, !attribute.classes.indices.contains(label) {
            throw CurationRequestError(.badRequest, "class \(label) is out of range (0-\(attribute.classes.count - 1): \(attribute.classes.joined(separator: ", ")))")
        }
        guard FileManager.default.contents(atPath: labelsPath) == labelsOnDisk else {
            throw CurationRequestError(.conflict, "\(labelsPath) was changed by another program since this server read it; restart Curate to label on top of those changes")
        }
        var column = labels
        column[sample] = label
        let updated = try dataset.setting(attribute, labels: column)
        try updated.saveLabels(in: folder)
        labelsOnDisk = Data(updated.labelsCSV.utf8)
        dataset = updated
        version += 1
        changesSinceTraining += 1
        retrainIfDue()
        return version
    }

    /// Starts training in the background when enough labels arrived since the last model.
    private func retrainIfDue() {
        guard !training, changesSinceTraining >= (model == nil ? 1 : settings.retrainEvery),
              modelNotReadyReason(labels: labels, classes: attribute.classes, minimumPerClass: settings.minimumPerClass) == nil
        else { return }
        training = true
        changesSinceTraining = 0
        let snapshot = dataset, name = attribute.name, settings = self.settings
        Task.detached(priority: .utility) {
            let outcome = Result { try trainCurationModel(snapshot, attribute: name, settings: settings) }
            await self.finishTraining(outcome)
        }
    }

    private func finishTraining(_ outcome: Result<CurationModel?, any Error>) {
        training = false
        switch outcome {
        case .success(let trained):
            if let trained {
                model = trained
                accuracyHistory.append(trained.figures)
                modelIsRestored = false
                modelVersion += 1
                lastTrainingError = nil
                save(trained)
            }
        case .failure(let error):
            lastTrainingError = "\(error)"
        }
        retrainIfDue()
    }

    /// Writes `trained` beside the labels; a failure is kept in `saveError` (the page goes on without it).
    private func save(_ trained: CurationModel) {
        do {
            try saveCurationModel(trained, history: accuracyHistory, attribute: attribute, fingerprint: fingerprint,
                                  sampleCount: dataset.count, to: savedModelPath(folder: folder, attribute: attribute.name))
            saveError = nil
        } catch {
            saveError = "\(error)"
        }
    }

    /// Waits until no training is running (for tests and the simulation of a person).
    public func waitForTraining() async {
        while training { try? await Task.sleep(nanoseconds: 20_000_000) }
    }

    /// The samples in `order` now, or nil with the reason when the order needs a model there is not yet.
    public func samples(in order: SampleOrder) -> (samples: [Int]?, note: String?) {
        let ordered = orderedSamples(order, labels: labels, probabilities: model?.probabilities)
        guard let ordered else {
            return (nil, "\(order.title) needs a model: \(modelNote ?? "none trained yet")")
        }
        return (ordered, nil)
    }
}
