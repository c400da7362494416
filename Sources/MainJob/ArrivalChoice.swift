import Editing
import Foundation
import Generator
import Kernels
import Labellers
import NumericCore

/// The stop rule the main job chose for a bundle's default edit, and the figures it chose by.
struct ArrivalChoice {
    /// The target probability at which a latent stops, or nil for fixed steps.
    let stopProbability: Float?
    /// The most steps an edit takes.
    let steps: Int
    /// A Markdown table of every candidate's judged success and kept share, and the chosen one's spread.
    let tableLines: [String]
}

/// What one candidate rule gave on one disjoint set of held-out latents, pooled over the target's classes.
private struct SetTally {
    var judged = 0, successes = 0
    var kept = 0.0
    var success: Double { Double(successes) / Double(max(judged, 1)) }
    var meanKept: Double { kept / Double(max(judged, 1)) }
    var score: Double { success + meanKept }
}

/// Chooses the bundle's stop rule on held-out latents `heldOut`, judged by `labels` (the built-in image labellers,
/// or cross-fitted judge classifiers: labels no edit uses). Toward every class of the target, up to `perClass` held-out latents whose image is not in that
/// class, in `sets` disjoint sets, are edited with that class's `method` for `ArrivalDefaults.budgets.last` steps without
/// stopping. A rule (stop at p ≥ t or never, at most b steps) ends each latent at the first point that reaches t,
/// or at point b: the path an edit with that rule takes, since stopping only freezes a latent. Every rule's ends
/// are labelled (each distinct point once): success is the share labelled with the class sought,
/// kept the mean share of the other labels unchanged. The rule with the highest success + kept (the mean over the
/// sets; ties: fewer steps, then the lower threshold) wins; the editor's fixed steps are among the rules, so the
/// choice is never worse than them on these latents. `before` holds the held-out latents' starting labels
/// (by `labels`). Nil when no latent could be judged.
func chooseArrival(target: EditTarget, classCount: Int, protected: [ProtectedAttribute], method: (Int) -> EditMethod,
                   settings: EditSettings, heldOut: Tensor, before: [String: [Int]], labels judgeLabels: JudgeLabels,
                   perClass: Int = 120, sets: Int = 3) throws -> ArrivalChoice? {
    let thresholds: [Float?] = [nil] + ArrivalDefaults.thresholds.map { $0 }
    let budgets = ArrivalDefaults.budgets(standard: settings.steps)
    let walk = try EditSettings(steps: budgets.last!, stepLength: settings.stepLength, keepNorm: settings.keepNorm)
    var tallies = [[[SetTally]]](repeating: [[SetTally]](repeating: [SetTally](repeating: SetTally(), count: sets),
                                                         count: budgets.count), count: thresholds.count)
    let classRows = (0..<classCount).map { classIndex in
        Array(before[target.attribute]!.indices.filter { before[target.attribute]![$0] != classIndex }.prefix(perClass))
    }
    // The classes' edits side by side (each deterministic on its own), then judged class by class.
    let results = try inParallel(parts: classCount) { classIndex -> EditResult? in
        guard !classRows[classIndex].isEmpty else { return nil }
        let toward = try EditTarget(attribute: target.attribute, classifier: target.classifier, classIndex: classIndex)
        return try editLatents(heldOut.gathering(rows: classRows[classIndex]), target: toward, protected: protected,
                               method: method(classIndex), settings: walk)
    }
    for classIndex in 0..<classCount {
        guard let result = results[classIndex] else { continue }
        let rows = classRows[classIndex]
        let arrivals = thresholds.map { $0.map { result.arrivalPoints(threshold: $0) } ?? [Int?](repeating: nil, count: rows.count) }
        // Every rule's end point of every latent; each distinct point rendered and labelled once.
        let ends = thresholds.indices.map { t in budgets.map { b in rows.indices.map { min(arrivals[t][$0] ?? b, b) } } }
        var distinct = [[Int]: Int](), order = [(row: Int, point: Int)]()
        for perBudget in ends { for points in perBudget { for (row, point) in points.enumerated() where distinct[[row, point]] == nil {
            distinct[[row, point]] = order.count
            order.append((row, point))
        } } }
        let labels = try judgeLabels.label(result.latents(atPoints: order.map(\.point), rows: order.map(\.row)))
        for t in thresholds.indices {
            for b in budgets.indices {
                let after = labels.mapValues { classes in rows.indices.map { classes[distinct[[$0, ends[t][b][$0]]]!] } }
                for set in 0..<sets {
                    // Latent i of the class belongs to set i mod `sets`.
                    let members = Array(stride(from: set, to: rows.count, by: sets))
                    guard !members.isEmpty else { continue }
                    let judgement = judgeLabels.judge(targetClass: classIndex,
                                                      before: before.mapValues { labels in members.map { labels[rows[$0]] } },
                                                      after: after.mapValues { labels in members.map { labels[$0] } })
                    tallies[t][b][set].judged += members.count
                    tallies[t][b][set].successes += Int((judgement.successRate * Double(members.count)).rounded())
                    tallies[t][b][set].kept += judgement.unchanged.map(\.rate).reduce(0, +)
                        / Double(max(judgement.unchanged.count, 1)) * Double(members.count)
                }
            }
        }
    }
    guard tallies[0][0].contains(where: { $0.judged > 0 }) else { return nil }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
    // Candidates in order of preference on a tie: fewer steps first, then no threshold, then lower thresholds.
    var best: (t: Int, b: Int, score: Double)?
    for b in budgets.indices {
        for t in thresholds.indices {
            let score = mean(tallies[t][b].map(\.score))
            if best == nil || score > best!.score + 1e-12 { best = (t, b, score) }
        }
    }
    let (t, b) = (best!.t, best!.b)
    func name(_ t: Int) -> String { thresholds[t].map { String(format: "p ≥ %g", Double($0)) } ?? "never" }
    func cell(_ tally: [SetTally]) -> String { String(format: "%.3f / %.3f", mean(tally.map(\.success)), mean(tally.map(\.meanKept))) }
    var lines = ["| stop at | " + budgets.map { "at most \($0) steps" }.joined(separator: " | ") + " |",
                 "|---|" + budgets.map { _ in "---:" }.joined(separator: "|") + "|"]
    for row in thresholds.indices {
        lines.append("| \(name(row)) | " + budgets.indices.map { column in
            cell(tallies[row][column]) + (row == t && column == b ? " (chosen)" : "")
        }.joined(separator: " | ") + " |")
    }
    lines.append("(success / mean kept, the mean over \(sets) disjoint sets; chosen: success \(meanAndRange(tallies[t][b].map(\.success))), kept \(meanAndRange(tallies[t][b].map(\.meanKept))))")
    return ArrivalChoice(stopProbability: thresholds[t], steps: budgets[b], tableLines: lines)
}

/// "mean (min–max)" of figures measured on disjoint sets, to three decimals; "—" for none. The one form of a spread
/// in the stop rule's table and in the evaluation's defaults.
public func meanAndRange(_ values: [Double]) -> String {
    guard let low = values.min(), let high = values.max() else { return "—" }
    return String(format: "%.3f (%.3f–%.3f)", values.reduce(0, +) / Double(values.count), low, high)
}
