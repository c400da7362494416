import Foundation
import MainJob

/// The defaults section of the report: per target, the bundle's defaults (what the Editor does with a bundle and a
/// target class and nothing else) on the target's held-out latents in `defaultsScorecardSets` disjoint sets, success and
/// every kept share as mean (min–max) over the sets, beside the unedited baseline and the best learnt method's mean
/// kept at `reportedSuccessFloor` success (the references left out).
func defaultsTable(_ targets: [TargetEvaluation]) -> [String] {
    let scored = targets.filter { $0.defaults != nil }
    guard !scored.isEmpty else { return [] }
    var lines = ["", "## The bundles' defaults, with their spread", "",
                 "What a user gets from the Editor with a bundle and a target class and nothing else: the bundle's method toward the class and its stop rule, on each target's held-out latents in \(defaultsScorecardSets) disjoint sets (latent i in set i mod \(defaultsScorecardSets)); mean (min–max) over the sets, by each target's judge. The last column is the best learnt method of the summary above (its mean kept where it first reaches \(String(format: "%.0f%%", 100 * reportedSuccessFloor)) success), for comparison: the defaults run at their own success.", "",
                 "| target | defaults | latents per set | before (baseline) | success | mean kept | kept per attribute | judge | best learnt method at \(String(format: "%.0f%%", 100 * reportedSuccessFloor)) success (mean kept) |",
                 "|---|---|---|---:|---|---|---|---|---|"]
    for target in scored {
        let card = target.defaults!
        let kept = card.kept.map { "\($0.attribute) \(meanAndRange($0.rates))" }.joined(separator: "; ")
        let learnt = target.methods.map(\.name).filter { !isReference($0) }
            .compactMap { name in target.preservation(of: name, atSuccess: reportedSuccessFloor).map { (name, $0) } }
        let best = learnt.max { $0.1 < $1.1 }.map { String(format: "%@ %.3f", $0.0, $0.1) } ?? "none reaches it"
        lines.append("| \(target.attribute) -> \(target.className) | \(card.settings) | \(card.setSizes.map(String.init).joined(separator: "/")) | "
                     + String(format: "%.3f", target.successBefore)
                     + " | \(meanAndRange(card.success)) | \(meanAndRange(card.meanKept)) | \(kept) | \(target.judge) | \(best) |")
    }
    return lines
}

/// The defaults as CSV, one row per target and set: `target,class,set,latents,success_before,success,mean_kept`,
/// then `kept_<attribute>` for every attribute any target's judge keeps (empty where its judge does not), then the
/// defaults in words and the judge.
public func defaultsCSV(_ targets: [TargetEvaluation]) -> String {
    let scored = targets.filter { $0.defaults != nil }
    var attributes = [String]()
    for target in scored { for (name, _) in target.defaults!.kept where !attributes.contains(name) { attributes.append(name) } }
    func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
    var rows = [(["target", "class", "set", "latents", "success_before", "success", "mean_kept"]
                 + attributes.map { "kept_\($0)" } + ["defaults", "judge"]).joined(separator: ",")]
    for target in scored {
        let card = target.defaults!
        for set in card.setSizes.indices {
            let kept = attributes.map { name in
                card.kept.first { $0.attribute == name }.map { String(format: "%.4f", $0.rates[set]) } ?? ""
            }
            rows.append(([target.attribute, target.className, String(set), String(card.setSizes[set]),
                          String(format: "%.4f", target.successBefore), String(format: "%.4f", card.success[set]),
                          String(format: "%.4f", card.meanKept[set])] + kept + [quoted(card.settings), quoted(target.judge)])
                .joined(separator: ","))
        }
    }
    return rows.joined(separator: "\n") + "\n"
}
