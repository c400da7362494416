import Bundles
import Editing
import Foundation
import MainJob
import NumericCore

/// The bundle's own default edit toward one class — its method for that class, its step count, step length and
/// stop rule, as the Editor runs it with no flags — judged on disjoint sets of the held-out latents, so that every
/// figure comes with its spread.
public struct DefaultsScorecard: Sendable {
    /// The defaults in words, e.g. "restored (2 rounds), stop at p ≥ 0.97 within 18 steps of 0.75".
    public let settings: String
    /// Latents in each set (latent i of the held-out latents is in set i mod the set count).
    public let setSizes: [Int]
    /// Per set, the share of final points the judge puts in the target class.
    public let success: [Double]
    /// Per judged attribute (in the judge's order), per set, the share whose label the judge kept.
    public let kept: [(attribute: String, rates: [Double])]
    /// Per set, the mean of the kept shares.
    public var meanKept: [Double] {
        setSizes.indices.map { set in kept.map { $0.rates[set] }.reduce(0, +) / Double(max(kept.count, 1)) }
    }
}

/// The sets the defaults are judged on: three, as the main job's stop rule is chosen on.
public let defaultsScorecardSets = 3

/// Edits `latents` toward class `classIndex` of `bundle`'s target with the bundle's defaults and judges the final
/// points by `judge` against `before` (the judge's labels of `latents`), set by set.
public func scoreDefaults(bundle: EditBundle, classIndex: Int, latents: Tensor, judge: JudgeLabels,
                          before: [String: [Int]], sets: Int = defaultsScorecardSets) throws -> DefaultsScorecard {
    let target = try EditTarget(attribute: bundle.target.name, classifier: bundle.target.classifier, classIndex: classIndex)
    let method = bundle.method(towardClass: classIndex)
    let defaults = bundle.editDefaults
    let result = try editLatents(latents, target: target, protected: bundle.protectedAttributes, method: method,
                                 settings: defaults)
    let after = try judge.label(result.finalLatents)
    let members = (0..<sets).map { set in Array(stride(from: set, to: latents.shape[0], by: sets)) }.filter { !$0.isEmpty }
    let judgements = members.map { rows in
        judge.judge(targetClass: classIndex, before: before.mapValues { labels in rows.map { labels[$0] } },
                    after: after.mapValues { labels in rows.map { labels[$0] } })
    }
    let stop = defaults.stopProbability.map { "stop at p ≥ \(String(format: "%g", Double($0))), within " } ?? ""
    return DefaultsScorecard(settings: "\(method.summary), \(stop)\(defaults.steps) steps of \(String(format: "%g", Double(defaults.stepLength)))",
                             setSizes: members.map(\.count), success: judgements.map(\.successRate),
                             kept: judge.others.compactMap { name in
                                 let rates = judgements.compactMap { $0.unchanged.first { $0.attribute == name }?.rate }
                                 return rates.count == judgements.count ? (name, rates) : nil
                             })
}
