/// The text of a labels CSV: the header `index,<attribute>,...`, then one line per row with the sample
/// index and one class index per attribute, an empty cell where a sample is unlabelled.
/// `labels[a][i]` is the label of row `i` for attribute `a`.
public func encodeLabelCSV(attributeNames: [String], indices: [Int], labels: [[Int?]]) -> String {
    precondition(labels.count == attributeNames.count && labels.allSatisfy { $0.count == indices.count },
                 "one label column per attribute, one entry per row")
    var text = (["index"] + attributeNames).joined(separator: ",") + "\n"
    for (row, index) in indices.enumerated() {
        text += String(index)
        for column in labels {
            text += ","
            if let label = column[row] { text += String(label) }
        }
        text += "\n"
    }
    return text
}
