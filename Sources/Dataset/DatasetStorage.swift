import Diagnostics
import FileStorage
import Foundation
import TensorFormats

extension LabelledDataset {
    /// Reads and validates the dataset in the folder `directory`: the manifest, latents of the stated shape
    /// without NaN or infinity, a labels CSV with the right header and one row per sample, and the scores.
    /// Throws a one-line `FileError` naming the file and the problem.
    public static func load(from directory: String) throws -> LabelledDataset {
        let manifestPath = DatasetFiles.path(directory, DatasetFiles.manifest)
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            let reason = FileManager.default.fileExists(atPath: directory) ? "no \(DatasetFiles.manifest) (not a dataset folder)" : "no such folder"
            throw FileError(path: directory, problem: reason)
        }
        let manifestData = Data(try readTextFile(manifestPath).utf8)
        let manifest = try ManifestCoding.decode(manifestData, path: manifestPath)
        let latents = try readMatrix(DatasetFiles.path(directory, DatasetFiles.latents), what: "latents",
                                     rows: manifest.count, columns: manifest.latentDimension)
        let labelsPath = DatasetFiles.path(directory, DatasetFiles.labels)
        let labelText = try readTextFile(labelsPath)
        let labels = try decodeLabelCSV(labelText, path: labelsPath, attributes: manifest.attributes,
                                        sampleCount: manifest.count, mode: .datasetFile)
        let scores = manifest.scoreColumnCount == 0 ? nil
            : try readMatrix(DatasetFiles.path(directory, DatasetFiles.scores), what: "scores",
                             rows: manifest.count, columns: manifest.scoreColumnCount)
        if manifest.imagesStored && !FileManager.default.fileExists(atPath: DatasetFiles.path(directory, DatasetFiles.images)) {
            throw FileError(path: manifestPath, problem: "says images are stored, but there is no \(DatasetFiles.images)/ folder")
        }
        return try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: scores)
    }

    /// Writes the dataset to the folder `directory`, replacing any previous one atomically: everything goes to
    /// a temporary sibling folder, renamed into place only when complete, so an interruption leaves the old
    /// folder or nothing. With `keepingExtraEntriesFrom`, the entries of that folder other than the dataset's
    /// own files (`images/`, curation sheets) are carried over as hard links (copies where links fail).
    public func save(to directory: String, keepingExtraEntriesFrom source: String? = nil) throws {
        try writeDirectoryAtomically(at: directory) { temporary in
            if let source { try carryOverExtraEntries(from: source, to: temporary) }
            try writeFiles(into: temporary)
        }
    }

    /// Writes the manifest, latents, labels and (if any) scores into the existing folder `directory`.
    func writeFiles(into directory: String) throws {
        try writeNpy(latents, to: DatasetFiles.path(directory, DatasetFiles.latents))
        if let scores { try writeNpy(scores, to: DatasetFiles.path(directory, DatasetFiles.scores)) }
        try saveLabels(in: directory)
        try writeAtomically(ManifestCoding.encode(manifest), to: DatasetFiles.path(directory, DatasetFiles.manifest))
    }
}

/// Hard-links (or copies) every entry of `source` except the dataset's own files into `destination`,
/// recursing into folders; the entries whose paths relative to `source` are in `except` are left out. Does
/// nothing if `source` does not exist.
func carryOverExtraEntries(from source: String, to destination: String, except: Set<String> = []) throws {
    let manager = FileManager.default
    guard let entries = try? manager.contentsOfDirectory(atPath: source) else { return }
    for entry in entries where !DatasetFiles.own.contains(entry) && !except.contains(entry) {
        try linkTree(DatasetFiles.path(source, entry), DatasetFiles.path(destination, entry), relative: entry, except: except)
    }
}

/// Recreates the file or folder `source` (at `relative` in the folder carried over) at `destination`, files
/// as hard links (copies where links fail), leaving out the relative paths in `except`.
private func linkTree(_ source: String, _ destination: String, relative: String, except: Set<String>) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: source, isDirectory: &isDirectory) else { return }
    if isDirectory.boolValue {
        try manager.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for entry in try manager.contentsOfDirectory(atPath: source) where !except.contains("\(relative)/\(entry)") {
            try linkTree(DatasetFiles.path(source, entry), DatasetFiles.path(destination, entry),
                         relative: "\(relative)/\(entry)", except: except)
        }
    } else if (try? manager.linkItem(atPath: source, toPath: destination)) == nil {
        try manager.copyItem(atPath: source, toPath: destination)
    }
}
