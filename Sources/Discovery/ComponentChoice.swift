import Editing
import NumericCore

/// The candidate direction and sign whose edits move a target most, as `chooseComponent` measured it.
public struct ComponentChoice: Sendable {
    /// The position of the chosen candidate in the list given.
    public let index: Int
    /// The candidate's name, e.g. "PC3".
    public let name: String
    /// Whether the edit walks along the direction (true) or against it.
    public let positive: Bool
    /// The mean probability of the target class at the end of the chosen edit, by the scoring classifier.
    public let meanTargetProbability: Double
    /// The chosen edit as the editor takes it: toward class 1 (along) or 0 (against) of `directionClassifier`.
    public let target: EditTarget

    /// "PC3 +" or "EV1 −".
    public var summary: String { "\(name) \(positive ? "+" : "-")" }
}

/// Picks, among `candidates` and both signs of each, the straight edit of `latents` with `settings` (norm
/// kept or not as they say) that ends with the highest mean probability of `scorer`'s target class by
/// `scorer`'s classifier: "the component whose edits change the attribute most", measured with a classifier
/// only (no renders). Ties go to the earlier candidate, then to the positive sign. `attribute` names the edit
/// targets. Throws if the inputs do not fit together.
public func chooseComponent(_ candidates: [LatentDirection], attribute: String, scorer: EditTarget,
                            latents: Tensor, settings: EditSettings) throws -> ComponentChoice {
    precondition(!candidates.isEmpty, "chooseComponent needs candidates")
    var best: ComponentChoice?
    for (index, candidate) in candidates.enumerated() {
        let classifier = directionClassifier(candidate)
        for positive in [true, false] {
            let target = try EditTarget(attribute: attribute, classifier: classifier, classIndex: positive ? 1 : 0)
            let final = try editLatents(latents, target: target, protected: [], method: .plain, settings: settings).finalLatents
            let probabilities = scorer.classifier.probabilities(final)
            let k = probabilities.shape[1]
            let mean = (0..<final.shape[0]).reduce(0.0) { $0 + Double(probabilities.storage[$1 * k + scorer.classIndex]) }
                / Double(max(final.shape[0], 1))
            if best == nil || mean > best!.meanTargetProbability {
                best = ComponentChoice(index: index, name: candidate.name, positive: positive,
                                       meanTargetProbability: mean, target: target)
            }
        }
    }
    return best!
}
