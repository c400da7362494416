import Dataset
import Diagnostics

/// The name recorded as the origin of labels given on the curation page (`{"source": "manual", "file": …}`).
public let curationOrigin = "curate"

/// Opens the dataset in the folder `folder` for labelling the attribute `name` by hand.
///
/// An existing attribute must have no automatic scores (hand-labelled or imported), and `classes`, when
/// given, must be its classes. A new attribute needs `classes`; it is added unlabelled and the whole folder
/// is rewritten atomically once (manifest and labels together), so the per-label writes that follow touch only
/// `labels.csv`. Throws a one-line `FileError` naming the folder or the attribute.
public func openForCuration(folder: String, attribute name: String, classes: [String]?) throws -> LabelledDataset {
    let dataset = try LabelledDataset.load(from: folder)
    if let existing = dataset.manifest.attributes.first(where: { $0.name == name }) {
        guard existing.scores == nil else {
            throw FileError(path: folder, problem: "attribute '\(name)' came from \(existing.origin.summary); curate hand labels under another name (e.g. \(name)-hand with classes \(existing.classes.joined(separator: ",")))")
        }
        if let classes, classes != existing.classes {
            throw FileError(path: folder, problem: "attribute '\(name)' has classes \(existing.classes.joined(separator: ",")), not \(classes.joined(separator: ","))")
        }
        return dataset
    }
    guard let classes else {
        let known = dataset.manifest.attributes.map(\.name)
        throw FileError(path: folder, problem: "attribute '\(name)' is new (the dataset has \(known.isEmpty ? "none" : known.joined(separator: ", "))): give its class names (e.g. no,yes)")
    }
    let attribute = Attribute(name: name, kind: Attribute.kind(forClassCount: classes.count), classes: classes,
                              origin: .manual(file: curationOrigin))
    if let problem = attribute.problem { throw FileError(path: folder, problem: problem) }
    guard classes.count <= 9 else {
        throw FileError(path: folder, problem: "the page assigns classes with the keys 1-9, so at most 9 classes; '\(name)' has \(classes.count)")
    }
    let extended = try dataset.setting(attribute, labels: [Int?](repeating: nil, count: dataset.count))
    try extended.save(to: folder, keepingExtraEntriesFrom: folder)
    return extended
}
