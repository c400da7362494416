import Editing
import Foundation
import Generator
import Labellers
import NumericCore

/// The stop rule the main job chose for a bundle's default edit, and the figures it chose by.
struct ArrivalChoice {
    /// The target probability at which a latent stops.
    let stopProbability: Float
    /// The most steps an edit takes.
    let steps: Int
    /// A Markdown table: one row per threshold with its judged success and kept share (mean and range over the
    /// disjoint latent sets) and when the latents arrived.
    let tableLines: [String]
}

/// What one threshold gave on one disjoint set of held-out latents, pooled over the target's classes.
private struct SetTally {
    var judged = 0, successes = 0
    var kept = 0.0
    var success: Double { Double(successes) / Double(max(judged, 1)) }
    var meanKept: Double { kept / Double(max(judged, 1)) }
}

/// Chooses the bundle's stop rule on held-out latents `heldOut`, judged by the built-in image labellers (which no
/// edit sees). Toward every class of the target, up to `perClass` held-out latents whose image is not in that
/// class, in `sets` disjoint sets, are edited with `method` for up to `ArrivalDefaults.budgetMultiple` × the
/// standard steps, stopping at the highest of `ArrivalDefaults.thresholds`. For each threshold, each latent's end
/// is the first point that reaches it (the path an edit stopping there takes), rendered and labelled: success is
/// the share labelled with the class sought, kept the mean share of the other labels unchanged. The threshold
/// with the highest success + kept (the mean over the sets; ties: the lower threshold, which stops sooner)
/// wins. The step budget lets `ArrivalDefaults.arrivingShare` of the latents that reach it do so, and is never
/// below the standard step count. Nil (with a log line) when the generator cannot render images the labellers
/// read, or the target has no built-in labeller.
func chooseArrival(target: EditTarget, classCount: Int, protected: [ProtectedAttribute], method: EditMethod,
                   settings: EditSettings, heldOut: Tensor, generator: any LatentGenerator, perClass: Int = 120,
                   sets: Int = 3, log: (String) -> Void) throws -> ArrivalChoice? {
    guard generator.canRender, PlanarImage.labellersRead(generator.imageShape), builtInLabeller(target.attribute) != nil else {
        log("arrival: the bundle keeps \(settings.steps) fixed steps (no image labeller here judges when an edit has arrived)")
        return nil
    }
    let thresholds = ArrivalDefaults.thresholds
    let cap = ArrivalDefaults.budgetMultiple * settings.steps
    let longest = try EditSettings(steps: cap, stepLength: settings.stepLength, stopProbability: thresholds.last!,
                                   keepNorm: settings.keepNorm)
    let before = labelImages(try generator.render(heldOut))
    var tallies = [[SetTally]](repeating: [SetTally](repeating: SetTally(), count: sets), count: thresholds.count)
    var arrivals = [[Int]](repeating: [], count: thresholds.count), missing = [Int](repeating: 0, count: thresholds.count)
    for classIndex in 0..<classCount {
        let rows = Array(before[target.attribute]!.indices.filter { before[target.attribute]![$0] != classIndex }.prefix(perClass))
        guard !rows.isEmpty else { continue }
        let toward = try EditTarget(attribute: target.attribute, classifier: target.classifier, classIndex: classIndex)
        let result = try editLatents(heldOut.gathering(rows: rows), target: toward, protected: protected, method: method,
                                     settings: longest)
        for (t, threshold) in thresholds.enumerated() {
            let points = result.arrivalPoints(threshold: threshold)
            arrivals[t] += points.compactMap { $0 }
            missing[t] += points.filter { $0 == nil }.count
            let after = labelImages(try generator.render(result.latents(atPoints: points)))
            for set in 0..<sets {
                // Latent i of the class belongs to set i mod `sets`.
                let members = Array(stride(from: set, to: rows.count, by: sets))
                guard !members.isEmpty else { continue }
                let judgement = judgeEdit(attribute: target.attribute, targetClass: classIndex,
                                          before: before.mapValues { labels in members.map { labels[rows[$0]] } },
                                          after: after.mapValues { labels in members.map { labels[$0] } })!
                tallies[t][set].judged += members.count
                tallies[t][set].successes += Int((judgement.successRate * Double(members.count)).rounded())
                tallies[t][set].kept += judgement.unchanged.map(\.rate).reduce(0, +)
                    / Double(max(judgement.unchanged.count, 1)) * Double(members.count)
            }
        }
    }
    guard tallies[0].contains(where: { $0.judged > 0 }) else { return nil }
    func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
    let scores = tallies.map { sets in mean(sets.map { $0.success + $0.meanKept }) }
    let chosen = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
    func arrivedBy(_ steps: [Int]) -> Int {
        steps.isEmpty ? 0 : steps.sorted()[min(steps.count - 1, Int((Double(steps.count) * ArrivalDefaults.arrivingShare).rounded(.up)) - 1)]
    }
    let budget = min(cap, max(settings.steps, arrivedBy(arrivals[chosen])))
    func spread(_ values: [Double]) -> String {
        String(format: "%.3f (%.3f–%.3f)", mean(values), values.min()!, values.max()!)
    }
    var lines = ["| stop at p ≥ | success | mean kept | median steps | \(Int(100 * ArrivalDefaults.arrivingShare))% of arrivals by | not arriving in \(cap) |",
                 "|---:|---:|---:|---:|---:|---:|"]
    for t in thresholds.indices {
        let steps = arrivals[t].sorted()
        lines.append(String(format: "| %g%@ | %@ | %@ | %d | %d | %d |", Double(thresholds[t]), t == chosen ? " (chosen)" : "",
                            spread(tallies[t].map(\.success)), spread(tallies[t].map(\.meanKept)),
                            steps.isEmpty ? 0 : steps[steps.count / 2], arrivedBy(steps), missing[t]))
    }
    return ArrivalChoice(stopProbability: thresholds[chosen], steps: budget, tableLines: lines)
}
