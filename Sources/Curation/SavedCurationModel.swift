import Dataset
import Diagnostics
import Foundation
import LatentClassifier
import NumericCore
import TensorFormats

/// Where the page keeps the model of the attribute `name` of the dataset in `folder`, beside the labels:
/// `<folder>/curation/<name>.model.safetensors`.
public func savedModelPath(folder: String, attribute name: String) -> String {
    URL(fileURLWithPath: folder).appendingPathComponent("curation").appendingPathComponent("\(name).model.safetensors").path
}

/// A saved page model as read back: the model and the held-out figures of every model before it.
public struct SavedCurationModel: Sendable {
    /// The model (its probabilities computed again for the dataset's latents).
    public let model: CurationModel
    /// The figures of every model of the attribute so far, oldest first (this one's last).
    public let history: [HeldOutFigures]
    /// Whether labels changed since it was trained (added, or given another class): it is used, and trained
    /// again at once.
    public let stale: Bool
}

/// What was found where the page keeps its model.
public enum SavedModelLoad: Sendable {
    /// No file: no model was saved yet.
    case absent
    /// A file that cannot serve: unreadable, damaged, or trained for another attribute, other classes, other
    /// latents, or labels that no longer exist. One line, naming the file and the reason.
    case ignored(String)
    /// A model to use.
    case loaded(SavedCurationModel)
}

/// Writes `model` of `attribute` with `history` (the figures of every model so far, its own last) to `path`
/// atomically: the fold classifiers' tensors as `fold.<i>.…` and what they were trained on as metadata.
/// `latents` are the dataset's, whose fingerprint is recorded.
public func saveCurationModel(_ model: CurationModel, history: [HeldOutFigures], attribute: Attribute,
                              latents: Tensor, to path: String) throws {
    try saveCurationModel(model, history: history, attribute: attribute, fingerprint: latentsFingerprint(latents),
                          sampleCount: latents.shape[0], to: path)
}

/// `saveCurationModel(_:history:attribute:latents:to:)` with the latents' fingerprint already computed.
func saveCurationModel(_ model: CurationModel, history: [HeldOutFigures], attribute: Attribute,
                       fingerprint: String, sampleCount: Int, to path: String) throws {
    let info = SavedModelInfo(formatVersion: SavedModelInfo.currentFormatVersion, attribute: attribute.name,
                              classes: attribute.classes, architecture: model.classifiers[0].architecture,
                              folds: model.classifiers.count, sampleCount: sampleCount,
                              latentsFingerprint: fingerprint, trainedLabels: model.trainedLabels,
                              figures: model.figures, history: history)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(info), as: UTF8.self)
    var tensors = [(String, Tensor)]()
    for (fold, classifier) in model.classifiers.enumerated() {
        tensors += classifier.namedTensors(prefix: "fold.\(fold).").map { ($0.name, $0.tensor) }
    }
    try writeSafeTensors(tensors, metadata: [SavedModelInfo.metadataKey: json], to: path)
}

/// Reads the model saved at `path` for `attribute` of a dataset of `latents` [N, D] whose labels of the
/// attribute are now `labels`, checking everything (tensor shapes and values, the attribute, its classes, the
/// latents, the labels); never throws: a file that cannot serve is `.ignored` with the reason.
public func loadCurationModel(from path: String, attribute: Attribute, labels: [Int?], latents: Tensor) -> SavedModelLoad {
    loadCurationModel(from: path, attribute: attribute, labels: labels, latents: latents,
                      fingerprint: latentsFingerprint(latents))
}

/// `loadCurationModel(from:attribute:labels:latents:)` with the latents' fingerprint already computed.
func loadCurationModel(from path: String, attribute: Attribute, labels: [Int?], latents: Tensor,
                       fingerprint: String) -> SavedModelLoad {
    guard FileManager.default.fileExists(atPath: path) else { return .absent }
    let file: SafeTensorsFile
    do { file = try readSafeTensors(path) } catch { return ignoredModel(path, error) }
    return loadCurationModel(file: file, path: path, attribute: attribute, labels: labels, latents: latents, fingerprint: fingerprint)
}

/// `loadCurationModel(from:attribute:labels:latents:)` for the bytes `contents` of the file at `path` (never
/// `.absent`): what the page does with a saved model, without reading it from disk (the fuzz probes use it).
public func loadCurationModel(contents: Data, path: String, attribute: Attribute, labels: [Int?], latents: Tensor) -> SavedModelLoad {
    let file: SafeTensorsFile
    do { file = try decodeSafeTensors(contents, name: path) } catch { return ignoredModel(path, error) }
    return loadCurationModel(file: file, path: path, attribute: attribute, labels: labels, latents: latents,
                             fingerprint: latentsFingerprint(latents))
}

/// `loadCurationModel(from:attribute:labels:latents:)` for the safetensors `file` read from `path` (never `.absent`).
public func loadCurationModel(file: SafeTensorsFile, path: String, attribute: Attribute, labels: [Int?], latents: Tensor) -> SavedModelLoad {
    loadCurationModel(file: file, path: path, attribute: attribute, labels: labels, latents: latents,
                      fingerprint: latentsFingerprint(latents))
}

/// The saved model in `file` (from `path`) checked against the dataset, or why it is ignored.
func loadCurationModel(file: SafeTensorsFile, path: String, attribute: Attribute, labels: [Int?], latents: Tensor,
                       fingerprint: String) -> SavedModelLoad {
    func ignored(_ reason: String) -> SavedModelLoad {
        .ignored(FileError(path: path, problem: "saved model ignored: \(reason)").description)
    }
    do {
        guard let json = file.metadata[SavedModelInfo.metadataKey] else {
            return ignored("no '\(SavedModelInfo.metadataKey)' metadata: not a page model")
        }
        try requireStrictJSON(Data(json.utf8), source: path, what: "metadata")
        let info: SavedModelInfo
        do { info = try JSONDecoder().decode(SavedModelInfo.self, from: Data(json.utf8)) } catch {
            return ignored("its metadata is not a page model's: \(decodingProblem(error))")
        }
        if let mismatch = info.mismatch(attribute: attribute, latents: latents, fingerprint: fingerprint) {
            return ignored(mismatch)
        }
        let removed = zip(info.trainedLabels, labels).filter { $0.0 != nil && $0.1 == nil }.count
        if removed > 0 {
            return ignored("it was trained on \(removed) label\(removed == 1 ? "" : "s") that no longer exist\(removed == 1 ? "s" : "")")
        }
        var tensors = [String: Tensor]()
        for name in file.names { tensors[name] = try file.tensor(name) }
        let classifiers = try (0..<info.folds).map {
            try MLPClassifier(architecture: info.architecture, tensors: tensors, prefix: "fold.\($0).", source: path)
        }
        let expected = Set(classifiers.enumerated().flatMap { fold, classifier in
            classifier.namedTensors(prefix: "fold.\(fold).").map(\.name)
        })
        if let extra = file.names.first(where: { !expected.contains($0) }) { return ignored("unexpected tensor '\(extra)'") }
        let model = CurationModel(classifiers: classifiers, trainedLabels: info.trainedLabels, figures: info.figures,
                                  latents: latents)
        guard model.probabilities.isFinite else { return ignored("its predictions are not finite") }
        let history = info.history.isEmpty ? [info.figures] : info.history
        return .loaded(SavedCurationModel(model: model, history: history, stale: info.trainedLabels != labels))
    } catch {
        return ignoredModel(path, error)
    }
}

/// `.ignored` with the one line of `error` about the saved model at `path`.
private func ignoredModel(_ path: String, _ error: any Error) -> SavedModelLoad {
    let reason = (error as? FileError).flatMap { $0.path == path ? $0.problem : nil } ?? "\(error)"
    return .ignored(FileError(path: path, problem: "saved model ignored: \(reason)").description)
}
