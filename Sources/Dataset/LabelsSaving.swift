import FileStorage
import Foundation

extension LabelledDataset {
    /// The text of this dataset's `labels.csv`: the header `index,<attribute>,...` and one row per sample.
    public var labelsCSV: String {
        encodeLabelCSV(attributeNames: manifest.attributes.map(\.name), indices: Array(0..<count), labels: labels)
    }

    /// Rewrites only `labels.csv` in the dataset folder `directory`, atomically (a temporary file renamed into
    /// place), so a reader or a killed writer sees the previous file or the new one, never a mix. The folder's
    /// manifest must already list this dataset's attributes (use `save(to:)` when they change).
    public func saveLabels(in directory: String) throws {
        try writeAtomically(Data(labelsCSV.utf8), to: DatasetFiles.path(directory, DatasetFiles.labels))
    }
}
