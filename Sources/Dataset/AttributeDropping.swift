import Diagnostics
import FileStorage
import Foundation
import NumericCore

/// What `dropAttribute(_:from:)` did.
public struct DroppedAttribute: Sendable, Equatable {
    /// The attribute removed, as the manifest described it.
    public let attribute: Attribute
    /// How many samples it had a label for.
    public let labelCount: Int
    /// The backup of those labels, a file inside the dataset folder (nil when the attribute had no labels).
    public let backup: String?
    /// The attribute's curation files removed (the contact sheet and label template of its `curation/` prefix),
    /// as paths.
    public let removedCurationFiles: [String]
}

extension DatasetFiles {
    /// The folder of contact sheets and label templates inside a dataset folder.
    public static let curation = "curation"

    /// The curation files of `attribute` the sheet writer makes by default, relative to the dataset folder: its
    /// contact sheet and its label template.
    static func curationFiles(_ attribute: String) -> [String] {
        ["\(curation)/\(attribute)-sheet.png", "\(curation)/\(attribute)-labels.csv"]
    }

    /// The name of the backup of a dropped attribute's labels: `dropped-<attribute>.labels.csv`, or
    /// `dropped-<attribute>.<n>.labels.csv` with the smallest n ≥ 2 that `exists` says is free, so that a backup is
    /// never written over.
    public static func droppedLabelsBackup(_ attribute: String, exists: (String) -> Bool) -> String {
        var name = "dropped-\(attribute).labels.csv"
        var n = 2
        while exists(name) {
            name = "dropped-\(attribute).\(n).labels.csv"
            n += 1
        }
        return name
    }
}

extension LabelledDataset {
    /// This dataset without the attribute `name`: its manifest entry, its labels and its score columns (the
    /// other attributes' score columns move down to stay contiguous). Throws an `ArgumentError` for an unknown
    /// name or for the dataset's only attribute.
    public func dropping(_ name: String) throws -> LabelledDataset {
        let index = try attributeIndex(name)
        guard manifest.attributes.count > 1 else {
            throw ArgumentError(.attribute, "'\(name)' is the dataset's only attribute; a dataset keeps at least one")
        }
        var manifest = self.manifest
        var labels = self.labels
        let dropped = manifest.attributes.remove(at: index)
        labels.remove(at: index)
        var scores = self.scores
        if let columns = dropped.scores, let old = scores {
            let width = old.shape[1], kept = (0..<width).filter { !columns.range.contains($0) }
            manifest.attributes = manifest.attributes.map { attribute in
                guard let own = attribute.scores, own.first > columns.first else { return attribute }
                return Attribute(name: attribute.name, kind: attribute.kind, classes: attribute.classes, origin: attribute.origin,
                                 scores: ScoreColumns(first: own.first - columns.count, count: own.count, meaning: own.meaning))
            }
            scores = kept.isEmpty ? nil : Tensor(shape: [count, kept.count], storage: (0..<count).flatMap { row in
                kept.map { old.storage[row * width + $0] } })
        }
        return try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: scores)
    }
}

/// Removes the attribute `name` from the dataset in the folder `directory`: from its manifest, its `labels.csv`
/// column, its `scores.npy` columns (if it had any) and its curation files (`curation/<name>-sheet.png` and
/// `curation/<name>-labels.csv`). Its labels are kept in a backup inside the folder, named by
/// `DatasetFiles.droppedLabelsBackup` (never over an earlier backup): a labels CSV `index,<name>` with the class
/// names of the labelled samples, which `importingLabels` reads back. The folder is replaced in one step, so an
/// interruption leaves the dataset as it was or without the attribute and with its backup, never a mix.
///
/// Throws a one-line `FileError` naming `directory` for an unknown attribute or the dataset's only one, and
/// naming the template for a label template that holds labels the dataset does not have (a person's work,
/// which dropping would lose).
public func dropAttribute(_ name: String, from directory: String) throws -> DroppedAttribute {
    let dataset = try LabelledDataset.load(from: directory)
    let updated: LabelledDataset
    do { updated = try dataset.dropping(name) } catch let error as ArgumentError {
        throw FileError(path: directory, problem: error.problem)
    }
    let index = try dataset.attributeIndex(name)
    let attribute = dataset.manifest.attributes[index], column = dataset.labels[index]
    let manager = FileManager.default
    let curationFiles = DatasetFiles.curationFiles(name).filter { manager.fileExists(atPath: DatasetFiles.path(directory, $0)) }
    for file in curationFiles where file.hasSuffix(".csv") {
        let path = DatasetFiles.path(directory, file)
        let unimported = unimportedLabelCount(template: try readTextFile(path), existing: column, classes: attribute.classes)
        if unimported > 0 {
            throw FileError(path: path, problem: "holds \(unimported) label(s) of '\(name)' that the dataset does not have; import or remove them before dropping the attribute")
        }
    }
    let labelled = column.indices.filter { column[$0] != nil }
    var backup: String?
    try writeDirectoryAtomically(at: directory) { temporary in
        try carryOverExtraEntries(from: directory, to: temporary, except: Set(curationFiles))
        if !labelled.isEmpty {
            let name = DatasetFiles.droppedLabelsBackup(name) { manager.fileExists(atPath: DatasetFiles.path(temporary, $0)) }
            var text = "index,\(attribute.name)\n"
            for sample in labelled { text += "\(sample),\(attribute.classes[column[sample]!])\n" }
            try writeAtomically(Data(text.utf8), to: DatasetFiles.path(temporary, name))
            backup = DatasetFiles.path(directory, name)
        }
        try updated.writeFiles(into: temporary)
    }
    return DroppedAttribute(attribute: attribute, labelCount: labelled.count, backup: backup,
                            removedCurationFiles: curationFiles.map { DatasetFiles.path(directory, $0) })
}
