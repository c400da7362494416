import Foundation

extension DatasetStatistics {
    /// A plain-text report: per attribute its kind, origin, coverage and class counts with shares, then the
    /// association table between attributes and the strongest correlations between class indicators.
    public var report: String {
        var lines = ["\(count) samples"]
        for statistics in attributes {
            let attribute = statistics.attribute
            lines.append("")
            lines.append("\(attribute.name) (\(attribute.kind.rawValue), \(attribute.origin.summary)): "
                         + "\(statistics.labelled) labelled, coverage \(percent(statistics.labelled, of: count))")
            let width = attribute.classes.map(\.count).max() ?? 0
            for (label, name) in attribute.classes.enumerated() {
                let share = percent(statistics.classCounts[label], of: statistics.labelled)
                lines.append("  \(label) \(name.padding(toLength: width, withPad: " ", startingAt: 0))"
                             + "  \(pad(String(statistics.classCounts[label]), 7))  \(pad(share, 6))")
            }
        }
        if attributes.count > 1 {
            lines.append("")
            lines.append("association between attributes (Cramér's V: 0 independent, 1 one determines the other), on samples labelled for both:")
            let names = attributes.map(\.attribute.name)
            let width = max(names.map(\.count).max() ?? 0, 5)
            lines.append(pad("", width) + names.map { "  " + pad($0, max($0.count, 5)) }.joined())
            for (row, name) in names.enumerated() {
                let cells = association[row].enumerated().map { column, value in
                    "  " + pad(value.map { String(format: "%.2f", $0) } ?? "-", max(names[column].count, 5))
                }
                lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + cells.joined())
            }
            lines.append("")
            lines.append("strongest correlations between classes of different attributes (Pearson on indicators):")
            for pair in strongestCorrelations(limit: 10) {
                lines.append("  \(pad(String(format: "%+.2f", pair.value), 6))  \(pair.first)  ~  \(pair.second)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `limit` indicator pairs of different attributes with the largest |correlation|, strongest first.
    public func strongestCorrelations(limit: Int) -> [(first: String, second: String, value: Double)] {
        var pairs = [(first: String, second: String, value: Double)]()
        let owner = indicators.map { $0.split(separator: "=").first.map(String.init) ?? $0 }
        for i in indicators.indices {
            for j in indicators.indices where j > i && owner[i] != owner[j] {
                if let value = indicatorCorrelation[i][j] { pairs.append((indicators[i], indicators[j], value)) }
            }
        }
        return Array(pairs.sorted { abs($0.value) > abs($1.value) }.prefix(limit))
    }
}

/// `part / whole` as a percentage with one decimal, "-" when `whole` is 0.
private func percent(_ part: Int, of whole: Int) -> String {
    whole == 0 ? "-" : String(format: "%.1f%%", 100 * Double(part) / Double(whole))
}

/// `text` right-aligned in `width` characters.
private func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
