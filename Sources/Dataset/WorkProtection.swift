import Diagnostics
import Foundation

/// Why replacing the folder `directory` by a newly sampled dataset would destroy a person's work, or nil if
/// it would not (nothing there, or a dataset with only automatic labels and no other entries).
///
/// Work is: hand-labelled attributes, entries a person added (a `curation/` folder of sheets and templates,
/// any other file), or a folder that is not a dataset at all.
public func replacementProblem(at directory: String) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else { return "is a file, not a dataset folder" }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    if entries.isEmpty { return nil }
    guard entries.contains(DatasetFiles.manifest) else {
        return "is a folder that is not a dataset (no \(DatasetFiles.manifest)); it would be replaced whole"
    }
    let extra = entries.filter { !DatasetFiles.own.contains($0) && $0 != DatasetFiles.images }.sorted()
    if !extra.isEmpty {
        return "holds \(extra.joined(separator: ", ")) besides the dataset's own files; the new dataset would drop \(extra.count == 1 ? "it" : "them")"
    }
    let manifestPath = DatasetFiles.path(directory, DatasetFiles.manifest)
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: manifestPath)),
          let manifest = try? ManifestCoding.decode(data, path: manifestPath) else {
        return "holds a dataset whose manifest cannot be read; it would be replaced whole"
    }
    let handLabelled = manifest.attributes.filter { if case .manual = $0.origin { return true } else { return false } }
    if !handLabelled.isEmpty {
        return "holds hand labels (\(handLabelled.map(\.name).joined(separator: ", "))) that a new sample would drop"
    }
    return nil
}

/// Throws unless the folder `directory` can be replaced by a new dataset without losing work, or `force`.
public func requireReplaceable(_ directory: String, force: Bool) throws {
    guard !force, let problem = replacementProblem(at: directory) else { return }
    throw FileError(path: directory, problem: "\(problem); it is kept: replace it only on purpose, or write elsewhere")
}

/// The number of filled-in label cells in the label template `text` that the dataset's labels `existing`
/// (nil: the attribute is new) do not already hold: work a person did that replacing the file would lose.
public func unimportedLabelCount(template text: String, existing: [Int?]?, classes: [String]?) -> Int {
    var count = 0
    for line in csvLines(text).dropFirst() {
        let row = cells(line)
        guard row.count >= 2, !row[1].isEmpty else { continue }
        if let index = Int(row[0]), let existing, existing.indices.contains(index), let label = existing[index],
           row[1] == String(label) || row[1] == classes?[safe: label] {
            continue
        }
        count += 1
    }
    return count
}

extension Array {
    /// The element at `index`, or nil outside the array.
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
