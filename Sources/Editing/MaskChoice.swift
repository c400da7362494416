import Foundation

/// One measured candidate of `chooseMasks`: a method and how it did.
public struct TradeOffRow: Sendable, Equatable, Codable {
    /// The method (for masking, with its budgets).
    public let method: EditMethod
    /// Target success and protected drift, pooled over every direction of the attribute.
    public let measurement: EditMeasurement
}

/// The rule `chooseMasks` picks by, as stored with its table.
public let maskChoiceRule = """
    Among the rows whose target success rate is at least the retention (0.9 by default) times the plain \
    gradient's, the one with the smallest mean protected path drift (the mean over protected attributes of \
    the mean over latents of the largest change along the path of the probability of the class predicted at \
    the start); a tie goes to the smaller total channel budget, then to the earlier row. Rows: the plain \
    gradient; every grid budget given to all protected attributes alike; with two or more protected \
    attributes, one pass of coordinate search from the best of those, each attribute's budget tried at every \
    grid value with the others fixed, an improvement kept at once; then gradient projection; then projection \
    with restoring corrections. Every row edits \
    the same held-out latents in every direction of the attribute, each direction only the latents not \
    already in its class, with the classifiers alone.
    """

/// The outcome of `chooseMasks`: the whole trade-off table and the rows the rule picked.
public struct MaskChoice: Sendable, Equatable, Codable {
    /// The rule, in words.
    public let rule: String
    /// The retention the rule used.
    public let successRetention: Double
    /// The plain gradient's success rate, which the retention applies to.
    public let referenceSuccessRate: Double
    /// Every measured candidate, in the order measured (the plain gradient first).
    public let rows: [TradeOffRow]
    /// The row the rule picked among all rows.
    public let chosenRow: Int
    /// The row the rule picked among the plain and masked rows.
    public let bestMaskedRow: Int

    /// The chosen method.
    public var method: EditMethod { rows[chosenRow].method }

    /// The best masking budgets for every protected attribute (all 0 when the plain gradient beat masking),
    /// for an edit that must use masks even when projection was chosen.
    public var maskBudgets: [String: Int] {
        if case .masked(let budgets) = rows[bestMaskedRow].method { return budgets }
        return Dictionary(uniqueKeysWithValues: rows[bestMaskedRow].measurement.protected.map { ($0.name, 0) })
    }
}

extension MaskChoice {
    /// The trade-off table as aligned text lines, a header first and the chosen row marked with '*', for
    /// printing.
    public var tableLines: [String] {
        let methods = rows.map(\.method.summary)
        let width = max(6, methods.map(\.count).max() ?? 0)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        let header = "  " + pad("method") + "  success  drift  label changes"
        return [header] + rows.indices.map { index in
            let m = rows[index].measurement
            let figures = String(format: "  %7.3f  %5.3f  %13.3f", m.successRate, m.meanPathDrift, m.labelChangeRate)
            return (index == chosenRow ? "* " : "  ") + pad(methods[index]) + figures
        }
    }
}
