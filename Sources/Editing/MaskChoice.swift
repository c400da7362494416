import Foundation

/// One measured candidate of `chooseMasks`: a method and how it did.
public struct TradeOffRow: Sendable, Equatable, Codable {
    /// The method (for masking, with its budgets).
    public let method: EditMethod
    /// Target success and protected drift, pooled over every direction of the attribute.
    public let measurement: EditMeasurement
    /// What an independent judge saw of the same edits, when there was one.
    public let judged: JudgedEdits?

    /// A row from its parts.
    public init(method: EditMethod, measurement: EditMeasurement, judged: JudgedEdits? = nil) {
        self.method = method
        self.measurement = measurement
        self.judged = judged
    }
}

/// How a judge the edit did not use (the built-in image labellers, or classifiers fitted on other data) saw a
/// method's edits, pooled over every direction.
public struct JudgedEdits: Sendable, Equatable, Codable {
    /// Who judged, in words ("the built-in image labellers").
    public let judge: String
    /// The number of edited latents judged.
    public let count: Int
    /// The share of final points the judge puts in the class sought.
    public let successRate: Double
    /// Per other attribute the judge labels, the share whose label it keeps from start to end.
    public let keptRates: [String: Double]
    /// The same figures for each direction alone, in the order edited.
    public let directions: [JudgedDirection]

    /// Judged figures from their parts.
    public init(judge: String, count: Int, successRate: Double, keptRates: [String: Double], directions: [JudgedDirection] = []) {
        self.judge = judge
        self.count = count
        self.successRate = successRate
        self.keptRates = keptRates
        self.directions = directions
    }
}

/// How a judge saw a method's edits toward one class.
public struct JudgedDirection: Sendable, Equatable, Codable {
    /// The class sought (the classifier's class index) and its name.
    public let classIndex: Int, className: String
    /// The latents judged.
    public let count: Int
    /// The share the judge puts in the class.
    public let successRate: Double
    /// The mean over the other attributes of the share whose label the judge saw kept.
    public let meanKept: Double

    /// A direction's figures from their parts.
    public init(classIndex: Int, className: String, count: Int, successRate: Double, meanKept: Double) {
        self.classIndex = classIndex
        self.className = className
        self.count = count
        self.successRate = successRate
        self.meanKept = meanKept
    }

}

extension JudgedEdits {
    /// The mean of `keptRates` (1 when there are none).
    public var meanKept: Double { keptRates.isEmpty ? 1 : keptRates.values.reduce(0, +) / Double(keptRates.count) }
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
        let judged = rows.allSatisfy { $0.judged != nil }
        let header = "  " + pad("method") + "  success  drift  label changes" + (judged ? "  | judged: success   kept" : "")
        let lines = rows.indices.map { index in
            let m = rows[index].measurement
            var figures = String(format: "  %7.3f  %5.3f  %13.3f", m.successRate, m.meanPathDrift, m.labelChangeRate)
            if judged, let j = rows[index].judged { figures += String(format: "  |  %15.3f  %5.3f", j.successRate, j.meanKept) }
            return (index == chosenRow ? "* " : "  ") + pad(methods[index]) + figures
        }
        guard judged, let first = rows.first?.judged else { return [header] + lines }
        let perClass = rows.indices.map { index in
            "  " + pad(methods[index]) + "  " + rows[index].judged!.directions.map {
                String(format: "%@ %.2f/%.2f", $0.className, $0.successRate, $0.meanKept)
            }.joined(separator: "  ")
        }
        return [header] + lines
            + ["  (success, drift, label changes: the edit's own classifiers, whose rule chose; judged: \(first.judge), which no edit sees, on \(first.count) of the edited latents)",
               "  judged toward each class (success/kept):"] + perClass
    }
}

extension MaskChoice {
    /// With a judge's figures on every row: for each class the edit goes toward, the method the judge's figures
    /// for that direction alone pick by the rule (among the rows whose judged success there is at least
    /// `successRetention` times the plain gradient's, the one whose other labels the judge saw kept most often; ties:
    /// the smaller channel budget, then the earlier row). Nil without a judge.
    public var judgedMethodsByClass: [Int: EditMethod]? {
        guard let plain = rows.first?.judged, rows.allSatisfy({ $0.judged?.directions.count == plain.directions.count }) else {
            return nil
        }
        var methods = [Int: EditMethod]()
        for (d, reference) in plain.directions.enumerated() {
            let floor = successRetention * reference.successRate - 1e-12
            func better(_ a: Int, _ b: Int) -> Bool {
                let (x, y) = (rows[a].judged!.directions[d], rows[b].judged!.directions[d])
                if (x.successRate >= floor) != (y.successRate >= floor) { return x.successRate >= floor }
                if x.successRate < floor { return x.successRate > y.successRate }
                if abs(x.meanKept - y.meanKept) > 1e-12 { return x.meanKept > y.meanKept }
                return rows[a].method.channelBudget < rows[b].method.channelBudget
            }
            let pick = rows.indices.dropFirst().reduce(0) { better($1, $0) ? $1 : $0 }
            methods[reference.classIndex] = rows[pick].method
        }
        return methods
    }
}

extension EditMethod {
    /// The channels a method zeroes per step at most (0 unless masking).
    public var channelBudget: Int {
        if case .masked(let budgets) = self { return budgets.values.reduce(0, +) }
        return 0
    }
}
