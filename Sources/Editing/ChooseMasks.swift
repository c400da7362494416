import LatentClassifier
import NumericCore

/// Chooses how to protect `protected` attributes while editing `attribute` (every direction of
/// `classifier`), by measuring on held-out `latents` with the classifiers alone and applying
/// `maskChoiceRule`. A `judge` (one the edit does not use) sees every row's edits, and what it saw is kept beside
/// the classifiers' figures in the table (it does not choose: one method for every class cannot serve them all, see
/// docs/evaluation.md). Returns the whole trade-off table with the choice. Throws if the inputs do not fit.
public func chooseMasks(_ latents: Tensor, attribute: String, classifier: MLPClassifier,
                        protected: [ProtectedAttribute], settings: MaskSearchSettings,
                        judge: (([DirectionEdits]) throws -> JudgedEdits)? = nil) throws -> MaskChoice {
    let targets = EditTarget.allDirections(attribute: attribute, classifier: classifier)
    var rows = [TradeOffRow]()
    var maskedRows = [[String: Int]: Int]()
    func measure(_ method: EditMethod) throws -> Int {
        let edits = try editEveryDirection(latents, targets: targets, protected: protected, method: method, settings: settings.edit)
        rows.append(TradeOffRow(method: method, measurement: EditMeasurement(pooling: edits.map { EditMeasurement($0.result) }),
                                judged: try judge?(edits)))
        return rows.count - 1
    }
    func masked(_ budgets: [String: Int]) throws -> Int {
        if let row = maskedRows[budgets] { return row }
        let row = try budgets.values.allSatisfy { $0 == 0 } ? 0 : measure(.masked(budgets: budgets))
        maskedRows[budgets] = row
        return row
    }
    func uniform(_ budget: Int) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: protected.map { ($0.name, budget) })
    }

    _ = try measure(.plain)
    let reference = rows[0].measurement.successRate
    func better(_ a: Int, than b: Int) -> Bool {
        let (x, y) = (rows[a].measurement, rows[b].measurement)
        let floor = settings.successRetention * reference - 1e-12
        let (feasibleX, feasibleY) = (x.successRate >= floor, y.successRate >= floor)
        if feasibleX != feasibleY { return feasibleX }
        if !feasibleX { return x.successRate > y.successRate }
        if abs(x.meanPathDrift - y.meanPathDrift) > 1e-12 { return x.meanPathDrift < y.meanPathDrift }
        return rows[a].method.channelBudget < rows[b].method.channelBudget
    }

    var best = 0
    var budgets = uniform(0)
    guard !protected.isEmpty else {
        return MaskChoice(rule: maskChoiceRule, successRetention: settings.successRetention,
                          referenceSuccessRate: reference, rows: rows, chosenRow: 0, bestMaskedRow: 0)
    }
    for budget in settings.budgetGrid {
        let row = try masked(uniform(budget))
        if better(row, than: best) { (best, budgets) = (row, uniform(budget)) }
    }
    if settings.refinePerAttribute && protected.count > 1 {
        for attribute in protected {
            for budget in settings.budgetGrid where budget != budgets[attribute.name] {
                var candidate = budgets
                candidate[attribute.name] = budget
                let row = try masked(candidate)
                if better(row, than: best) { (best, budgets) = (row, candidate) }
            }
        }
    }
    var chosen = best
    if settings.includeProjection {
        let row = try measure(.projected)
        if better(row, than: chosen) { chosen = row }
    }
    if settings.includeRestoring {
        let row = try measure(.restored(rounds: EditMethod.defaultRestoringRounds))
        if better(row, than: chosen) { chosen = row }
    }
    return MaskChoice(rule: maskChoiceRule, successRetention: settings.successRetention,
                      referenceSuccessRate: reference, rows: rows, chosenRow: chosen, bestMaskedRow: best)
}
