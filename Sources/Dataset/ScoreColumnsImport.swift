import Diagnostics
import Foundation
import NumericCore

/// Score columns of an imported labels CSV: `<attribute>:score` (a binary attribute's margin, positive for
/// class 1, e.g. an external classifier's logit) or `<attribute>:<class>` for every class of an attribute
/// (an external labeller's probability of that class). Rows the file does not list score 0; the trainer only
/// reads the scores of labelled rows.
struct ImportedScores {
    /// Per attribute with scores, its columns in the dataset's `scores.npy` layout.
    var columns: [String: ScoreColumns] = [:]
    /// The scores `[N, S]`, nil without score columns.
    var values: Tensor?
}

/// Whether a header cell names a score column (it holds a colon).
func isScoreColumn(_ name: String) -> Bool { name.contains(":") }

/// Reads the score columns of `header` from the rows of `lines` (already checked by the label reader) for
/// `attributes` over `sampleCount` samples. Throws a `FileError` naming `path` for a column of an unknown
/// attribute or class, an incomplete set of class columns, a binary attribute with class columns and a
/// score, or a cell that is not a finite number (probabilities must lie in [0, 1]).
func readImportedScores(header: [String], lines: [Substring], attributes: [Attribute], sampleCount: Int,
                        path: String) throws -> ImportedScores {
    var byAttribute = [String: [(column: Int, part: String)]]()
    for (column, name) in header.enumerated() where isScoreColumn(name) {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let attribute = attributes.first(where: { $0.name == parts[0] }) else {
            throw FileError(path: path, problem: "score column '\(name)' names no attribute of the file")
        }
        guard parts[1] == "score" ? attribute.kind == .binary : attribute.classes.contains(parts[1]) else {
            throw FileError(path: path, problem: "score column '\(name)': expected '\(attribute.name):score' (binary margins) or one column '\(attribute.name):<class>' per class of \(attribute.classes.joined(separator: ", "))")
        }
        byAttribute[attribute.name, default: []].append((column, parts[1]))
    }
    var result = ImportedScores()
    guard !byAttribute.isEmpty else { return result }
    var layout = [(attribute: Attribute, columns: [Int], probabilities: Bool)]()
    var width = 0
    for attribute in attributes {
        guard let found = byAttribute[attribute.name] else { continue }
        if found.count == 1 && found[0].part == "score" {
            layout.append((attribute, [found[0].column], false))
            result.columns[attribute.name] = ScoreColumns(first: width, count: 1, meaning: "imported margin: positive means class 1 '\(attribute.classes[1])'")
            width += 1
        } else {
            let columns = attribute.classes.compactMap { name in found.first { $0.part == name }?.column }
            guard columns.count == attribute.classes.count, found.count == columns.count else {
                throw FileError(path: path, problem: "attribute '\(attribute.name)' needs one score column per class (\(attribute.classes.map { "\(attribute.name):\($0)" }.joined(separator: ", "))) or, if binary, '\(attribute.name):score' alone")
            }
            if attribute.kind == .binary {
                // Two probabilities become one margin, the log-odds of class 1.
                layout.append((attribute, columns, true))
                result.columns[attribute.name] = ScoreColumns(first: width, count: 1, meaning: "imported probabilities as log-odds of class 1 '\(attribute.classes[1])'")
                width += 1
            } else {
                layout.append((attribute, columns, true))
                result.columns[attribute.name] = ScoreColumns(first: width, count: columns.count, meaning: "imported per-class probabilities, columns in class order")
                width += columns.count
            }
        }
    }
    var values = [Float](repeating: 0, count: sampleCount * width)
    var problems = [String]()
    for (offset, line) in lines.enumerated().dropFirst() where !line.allSatisfy(\.isWhitespace) {
        let row = cells(line)
        guard row.count == header.count, let index = Int(row[0]), (0..<sampleCount).contains(index) else { continue }
        var first = 0
        for entry in layout {
            let numbers = entry.columns.map { Double(row[$0]) }
            guard numbers.allSatisfy({ $0?.isFinite == true }),
                  !entry.probabilities || numbers.allSatisfy({ (0...1).contains($0!) }) else {
                problems.append("line \(offset + 1): \(entry.attribute.name) scores '\(entry.columns.map { row[$0] }.joined(separator: ","))' are not \(entry.probabilities ? "probabilities in [0, 1]" : "finite numbers")")
                first += entry.probabilities && entry.attribute.kind == .multiclass ? entry.columns.count : 1
                continue
            }
            if entry.probabilities && entry.attribute.kind == .binary {
                let p = min(max(numbers[1]!, 1e-6), 1 - 1e-6)
                values[index * width + first] = Float(log(p / (1 - p)))
                first += 1
            } else {
                for (k, number) in numbers.enumerated() { values[index * width + first + k] = Float(number!) }
                first += numbers.count
            }
        }
    }
    guard problems.isEmpty else {
        throw FileError(path: path, problem: "\(problems.count) bad score row(s): " + problems.joined(separator: "; "))
    }
    result.values = Tensor(shape: [sampleCount, width], storage: values)
    return result
}
