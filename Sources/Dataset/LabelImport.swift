import Diagnostics
import Labellers

extension LabelledDataset {
    /// This dataset with hand labels for `name` read from the labels CSV `text` (header `index,<name>`, a class
    /// index or name per row, empty cells skipped; read from `path`). A new attribute needs `classes` (its kind
    /// is `kind`, or binary for two classes and multiclass otherwise); an existing one must be hand-labelled
    /// and match any classes and kind given. Labels add to the existing ones unless `replace`; a label that
    /// contradicts an existing one is an error. Returns the new dataset and the number of labels read.
    /// Nothing changes if anything is wrong: the error lists every offending line or sample.
    public func importingLabels(csv text: String, path: String, attribute name: String, classes: [String]?,
                                kind: AttributeKind?, replace: Bool = false) throws -> (dataset: LabelledDataset, imported: Int) {
        let existingIndex = manifest.attributes.firstIndex { $0.name == name }
        let attribute: Attribute
        if let existingIndex {
            let existing = manifest.attributes[existingIndex]
            guard case .manual = existing.origin else {
                throw FileError(path: path, problem: "attribute '\(name)' came from \(existing.origin.summary); import hand labels under another name")
            }
            if let classes, classes != existing.classes {
                throw FileError(path: path, problem: "attribute '\(name)' has classes \(existing.classes.joined(separator: ",")), not \(classes.joined(separator: ","))")
            }
            if let kind, kind != existing.kind {
                throw FileError(path: path, problem: "attribute '\(name)' is \(existing.kind.rawValue), not \(kind.rawValue)")
            }
            attribute = Attribute(name: name, kind: existing.kind, classes: existing.classes, origin: .manual(file: fileName(path)))
        } else {
            guard let classes else {
                throw ArgumentError(.classes, "attribute '\(name)' is new in the dataset: give its classes (e.g. no,yes)")
            }
            attribute = Attribute(name: name, kind: kind ?? Attribute.kind(forClassCount: classes.count), classes: classes,
                                  origin: .manual(file: fileName(path)))
            if let problem = attribute.problem { throw FileError(path: path, problem: problem) }
        }
        let incoming = try decodeLabelCSV(text, path: path, attributes: [attribute], sampleCount: count, mode: .importFile)[0]
        let imported = incoming.compactMap { $0 }.count
        guard imported > 0 else { throw FileError(path: path, problem: "no labels filled in (every '\(name)' cell is empty)") }
        var column = incoming
        if let existingIndex, !replace {
            let old = labels[existingIndex]
            let conflicts = old.indices.filter { old[$0] != nil && incoming[$0] != nil && old[$0] != incoming[$0] }
            guard conflicts.isEmpty else {
                let list = conflicts.map { "index \($0) is \(old[$0]!) already, \(incoming[$0]!) here" }
                throw ArgumentError(.replace, "\(path): \(conflicts.count) label(s) contradict the dataset, nothing imported (replace the attribute's labels to start it afresh): \(list.joined(separator: "; "))")
            }
            column = zip(old, incoming).map { $1 ?? $0 }
        }
        return (try setting(attribute, labels: column), imported)
    }
}

/// The last path component of `path`, for provenance that does not depend on where the file was.
func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}
