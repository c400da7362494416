import Diagnostics
import Foundation

/// How strictly a labels CSV is read.
public enum LabelCSVMode: Sendable {
    /// A dataset's own `labels.csv`: one row per sample, indices 0..<N in order, class indices only.
    case datasetFile
    /// Labels brought in by a person or from elsewhere: any subset of indices in any order, each at most once;
    /// a cell may hold a class index or a class name; empty cells stay unlabelled.
    case importFile
}

/// Reads the labels CSV `text` (from `path`) for `attributes` over samples `0..<sampleCount`.
/// Returns `labels[a][i]`, the class of sample `i` for attribute `a`, nil if unlabelled.
/// Every problem — wrong header, wrong cell count, an index that is not a whole number or not in the dataset,
/// a class out of range, a duplicate or conflicting row — is collected, and one `FileError` lists all
/// offending lines; nothing is returned if any line is bad.
public func decodeLabelCSV(_ text: String, path: String, attributes: [Attribute], sampleCount: Int,
                           mode: LabelCSVMode) throws -> [[Int?]] {
    let lines = csvLines(text)
    let expectedHeader = ["index"] + attributes.map(\.name)
    guard let headerLine = lines.first, !isBlank(headerLine) else {
        throw FileError(path: path, problem: "the file is empty; expected the header '\(expectedHeader.joined(separator: ","))'")
    }
    let header = cells(headerLine)
    guard header == expectedHeader else {
        throw FileError(path: path, problem: "line 1: the header is '\(shortened(header.joined(separator: ",")))', expected '\(expectedHeader.joined(separator: ","))'")
    }

    var labels = [[Int?]](repeating: [Int?](repeating: nil, count: sampleCount), count: attributes.count)
    var firstLine = [Int: (line: Int, values: [Int?])]()
    var problems = ProblemList()
    var rowCount = 0
    for (offset, line) in lines.enumerated().dropFirst() where !isBlank(line) {
        let lineNumber = offset + 1
        let row = cells(line)
        guard row.count == expectedHeader.count else {
            problems.add("line \(lineNumber): \(row.count) cells, expected \(expectedHeader.count)")
            continue
        }
        defer { rowCount += 1 }
        guard let index = Int(row[0]), index >= 0 else {
            problems.add("line \(lineNumber): index '\(shortened(row[0]))' is not a whole number ≥ 0")
            continue
        }
        guard index < sampleCount else {
            problems.add("line \(lineNumber): index \(index) is not in the dataset (\(sampleCount) samples, 0-\(sampleCount - 1))")
            continue
        }
        if mode == .datasetFile && index != rowCount {
            problems.add("line \(lineNumber): index \(index), expected \(rowCount) (one row per sample, in order)")
            continue
        }
        var values = [Int?]()
        var rowIsGood = true
        for (attribute, cell) in zip(attributes, row.dropFirst()) {
            switch parseClass(cell, attribute: attribute, acceptNames: mode == .importFile) {
            case .value(let value): values.append(value)
            case .problem(let message):
                problems.add("line \(lineNumber): \(message)")
                rowIsGood = false
            }
        }
        guard rowIsGood else { continue }
        if let earlier = firstLine[index] {
            let kind = earlier.values == values ? "repeats" : "conflicts with"
            problems.add("line \(lineNumber): index \(index) \(kind) line \(earlier.line)")
            continue
        }
        firstLine[index] = (lineNumber, values)
        for (column, value) in values.enumerated() { labels[column][index] = value }
    }
    if mode == .datasetFile && rowCount != sampleCount && problems.count == 0 {
        problems.add("\(rowCount) rows, expected one per sample (\(sampleCount))")
    }
    guard problems.count == 0 else {
        let outcome = mode == .importFile ? ", nothing imported" : ""
        let listed = problems.listed.joined(separator: "; ")
        let more = problems.count > maximumListedProblems ? "; and \(problems.count - maximumListedProblems) more" : ""
        throw FileError(path: path, problem: "\(problems.count) bad line\(problems.count == 1 ? "" : "s")\(outcome): \(listed)\(more)")
    }
    return labels
}

/// What a label cell holds: a class (nil when empty) or a problem.
private enum ClassCell {
    case value(Int?)
    case problem(String)
}

/// The class in `cell` for `attribute`: nil for an empty cell, else a class index in range or, if
/// `acceptNames`, a class name.
private func parseClass(_ cell: String, attribute: Attribute, acceptNames: Bool) -> ClassCell {
    if cell.isEmpty { return .value(nil) }
    var range: String { "0-\(attribute.classes.count - 1): \(attribute.classes.joined(separator: ", "))" }
    if let value = Int(cell) {
        guard attribute.classes.indices.contains(value) else {
            return .problem("\(attribute.name): class \(value) is out of range (\(range))")
        }
        return .value(value)
    }
    if acceptNames, let value = attribute.classes.firstIndex(of: cell) { return .value(value) }
    return .problem("\(attribute.name): '\(shortened(cell))' is not a class (\(range))")
}

/// The most offending lines an error lists before saying how many more there are.
let maximumListedProblems = 20

/// `text` cut to 40 characters for an error message, with control characters shown as escapes.
func shortened(_ text: String) -> String {
    let cut = text.count > 40 ? String(text.prefix(40)) + "…" : text
    return cut.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
}

/// Whether a line holds nothing but spaces and tabs.
private func isBlank(_ line: Substring) -> Bool {
    line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
}

/// The problems found in a file: how many, and the first `maximumListedProblems` in words (the rest are
/// counted, not written, so a huge bad file costs no memory for messages).
private struct ProblemList {
    private(set) var listed = [String]()
    private(set) var count = 0

    mutating func add(_ problem: @autoclosure () -> String) {
        count += 1
        if listed.count < maximumListedProblems { listed.append(problem()) }
    }
}
