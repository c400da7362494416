import Dataset
import Foundation
import Labellers

/// The end of the names of the two references (random steps, the image oracle), which frame the table
/// rather than compete in it.
public let referenceSuffix = "(reference)"

/// Whether the method named `name` is a reference.
func isReference(_ name: String) -> Bool { name.hasSuffix(referenceSuffix) }

/// The success rate a method must reach for the "highest preservation" line of the report.
public let reportedSuccessFloor = 0.9

/// The report as Markdown: `preamble` (lines as given), a summary table of every method's preservation at
/// `reportedSuccessFloor` success on every target (`TargetEvaluation.preservation`, the best of each target in
/// bold), then for each target its methods' set-up, a table of
/// every method and length (success, each other label kept, their mean, mean |z|, pixel change, latents
/// stopped early, Pareto-front membership), the best-preserving point at `reportedSuccessFloor`, the front,
/// and links to the target's chart and example sheet.
public func evaluationMarkdown(_ targets: [TargetEvaluation], preamble: [String]) -> String {
    var lines = preamble + summaryTable(targets) + defaultsTable(targets)
    for target in targets {
        let front = Set(target.paretoIndices)
        lines += ["", "## \(target.attribute) -> \(target.className)", "",
                  String(format: "%d held-out latents: %@; mean |z| %.2f before editing.",
                         target.latentCount, target.baseline.source.isEmpty ? "as given" : target.baseline.source, target.meanStartNorm),
                  "", "Judge of every figure below: \(target.judge). " + baselineSentence(target),
                  "", "| method | set-up |", "|---|---|"]
        lines += target.methods.map { "| \($0.name) | \($0.detail) |" }
        let kept = target.judgedAttributes.map { "\($0) kept" }
        lines += ["", "| method | length | \(target.className) | " + kept.joined(separator: " | ")
                    + " | mean kept | mean abs z | pixel change | stopped | front |",
                  "|---|---:|---:|" + String(repeating: "---:|", count: kept.count) + "---:|---:|---:|---:|:---:|"]
        // The unedited latents: success before any edit (the baseline), every label kept.
        let unedited = ([target.successBefore] + target.judgedAttributes.map { _ in 1.0 } + [1.0]).map { String(format: "%.3f", $0) }
        lines.append("| unedited (baseline) | 0 | " + unedited.joined(separator: " | ")
                     + String(format: " | %.2f | — | — | |", target.meanStartNorm))
        for (index, point) in target.points.enumerated() {
            let figures = ([point.successRate] + point.unchanged + [point.meanUnchanged]).map { String(format: "%.3f", $0) }
            lines.append("| \(point.method) | \(lengthText(point.length)) | " + figures.joined(separator: " | ")
                         + String(format: " | %.2f | %@ | %d | %@ |", point.meanNorm,
                                  point.meanPixelChange.map { String(format: "%.4f", $0) } ?? "—",
                                  point.stoppedEarly, front.contains(index) ? "*" : ""))
        }
        lines.append("")
        if let best = target.bestPreserving(atLeast: reportedSuccessFloor) {
            lines.append(String(format: "Highest mean preservation with success at least %.2f: **%@ at length %@** (success %.3f, mean kept %.3f).",
                                reportedSuccessFloor, best.method, lengthText(best.length), best.successRate, best.meanUnchanged))
        } else {
            lines.append(String(format: "No method reaches success %.2f at these lengths.", reportedSuccessFloor))
        }
        lines.append("Pareto front of the methods (success, mean kept): " + target.paretoIndices.map { index in
            let point = target.points[index]
            return String(format: "%@ %@ (%.3f, %.3f)", point.method, lengthText(point.length), point.successRate, point.meanUnchanged)
        }.joined(separator: "; ") + ".")
        lines += ["", "![\(target.fileStem) Pareto chart](\(target.fileStem).pareto.png)"]
        if !target.examples.isEmpty { lines += ["", "![\(target.fileStem) examples](\(target.fileStem).examples.png)"] }
    }
    return lines.joined(separator: "\n") + "\n"
}

/// The report as CSV, one row per target, method and length, with `steps` steps per path: the share the judge
/// puts in the target class before any edit (`success_before`) beside `success`, a column of kept labels for every
/// attribute any target's judge labels (the built-in labellers' when they are all, in their order; empty where a
/// target's judge does not label it, as for the target's own), the judge's accuracy on held-out labels and its
/// majority-class rate where measured, and the judge of the row.
public func evaluationCSV(_ targets: [TargetEvaluation], steps: Int) -> String {
    var columns = [String]()
    for target in targets {
        for name in [target.attribute] + target.judgedAttributes where !columns.contains(name) { columns.append(name) }
    }
    let builtIn = BuiltInLabellers.all.map(\.name)
    if columns.allSatisfy(builtIn.contains) { columns = builtIn }
    var lines = [(["attribute", "class", "method", "length", "steps", "latents", "success", "success_before"]
                  + columns.map { "unchanged_\($0)" }
                  + ["mean_unchanged", "mean_norm", "mean_pixel_change", "stopped_early", "pareto",
                     "judge_accuracy", "judge_majority_rate", "judge"]).joined(separator: ",")]
    for target in targets {
        let front = Set(target.paretoIndices)
        let check = target.baseline.judgeCheck
        for (index, point) in target.points.enumerated() {
            let kept = columns.map { name in
                target.judgedAttributes.firstIndex(of: name).map { String(format: "%.4f", point.unchanged[$0]) } ?? ""
            }
            let fields = [target.attribute, target.className, point.method, lengthText(point.length), String(steps),
                          String(target.latentCount), String(format: "%.4f", point.successRate),
                          String(format: "%.4f", target.successBefore)] + kept
                + [String(format: "%.4f", point.meanUnchanged), String(format: "%.4f", point.meanNorm),
                   point.meanPixelChange.map { String(format: "%.5f", $0) } ?? "", String(point.stoppedEarly),
                   front.contains(index) ? "1" : "0",
                   check.map { String(format: "%.4f", $0.accuracy) } ?? "", check.map { String(format: "%.4f", $0.majorityRate) } ?? "",
                   csvField(target.judge)]
            lines.append(fields.joined(separator: ","))
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

/// `text` as one CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// The baselines beside a target's success, in words: the judge's share of the held-out latents already in the
/// target class, the pool's share, and the judge's accuracy on held-out labels beside its majority-class rate.
func baselineSentence(_ target: TargetEvaluation) -> String {
    var parts = [String(format: "Before any edit the judge puts %.3f of the held-out latents in %@ (the unedited row).",
                        target.successBefore, target.className)]
    if let share = target.baseline.poolTargetShare {
        parts.append(String(format: "A share %.3f of the pool they were chosen from is %@ (the class's own frequency).",
                            share, target.className))
    }
    if let check = target.baseline.judgeCheck {
        parts.append(String(format: "The judge's accuracy on the dataset's `%@` labels of %d samples no judge trained on (those no classifier of the run trained on, and the held-out half of its split): %.3f (majority class %.3f).",
                            target.attribute, check.count, check.accuracy, check.majorityRate))
        if check.accuracy <= check.majorityRate {
            parts.append("**The judge is no better than always answering the most common class: its success and kept figures for this target say little; more labels of the rarer class would help.**")
        }
    }
    return parts.joined(separator: " ")
}

/// The summary section: for each method (rows) and target (columns), the mean share of other labels kept at
/// `reportedSuccessFloor` success, the best of each column among the methods (not the references) in bold,
/// "—" where a method never gets there.
func summaryTable(_ targets: [TargetEvaluation]) -> [String] {
    let methods = targets.first?.methods.map(\.name) ?? []
    let values = targets.map { target in methods.map { target.preservation(of: $0, atSuccess: reportedSuccessFloor) } }
    let best = values.map { column in zip(methods, column).filter { !isReference($0.0) }.compactMap(\.1).max() }
    var lines = ["", String(format: "## Summary: mean share of other labels kept at %.0f%% success", 100 * reportedSuccessFloor), "",
                 "Interpolated along each method's sweep of lengths (the unedited latents count as length 0, at the success the judge gives them before any edit); higher is better; the best method of each target in bold (the two references excluded); — where a method never reaches that success.", "",
                 "| method | " + targets.map { "\($0.attribute) -> \($0.className)" }.joined(separator: " | ") + " |",
                 "|---|" + String(repeating: "---:|", count: targets.count)]
    for (row, method) in methods.enumerated() {
        let cells = zip(values, best).map { column, best -> String in
            guard let value = column[row] else { return "—" }
            let text = String(format: "%.3f", value)
            return value == best && !isReference(method) ? "**\(text)**" : text
        }
        lines.append("| \(method) | " + cells.joined(separator: " | ") + " |")
    }
    lines += ["", "Judges: " + targets.map {
        String(format: "%@ -> %@ by %@ (before any edit %.3f in the class)", $0.attribute, $0.className, $0.judge, $0.successBefore)
    }.joined(separator: "; ") + "."]
    return lines
}
