import NumericCore

/// How the built-in image labellers judge an edit: did the final images reach the target class, and did the
/// other labelled attributes keep their class from the first image to the last.
public struct EditJudgement: Sendable {
    /// The target attribute and the class sought.
    public let attribute: String
    /// The class sought.
    public let targetClass: String
    /// Latents judged.
    public let count: Int
    /// Share of final images labelled with the target class.
    public let successRate: Double
    /// For each other labeller, the share of latents whose label did not change.
    public let unchanged: [(attribute: String, rate: Double)]

    /// One line for a person.
    public var summary: String {
        let kept = unchanged.map { String(format: "%@ %.1f%%", $0.attribute, 100 * $0.rate) }.joined(separator: ", ")
        return String(format: "%@ -> %@: %.1f%% of %d final images labelled %@ by the image labeller; unchanged: %@",
                      attribute, targetClass, 100 * successRate, count, targetClass, kept)
    }
}

/// The built-in labeller of `attribute`, if there is one.
public func builtInLabeller(_ attribute: String) -> (any ImageLabeller)? {
    BuiltInLabellers.all.first { $0.name == attribute }
}

/// Every built-in labeller's class for each image of a generator batch `[N, 3, H, W]`, by labeller name.
public func labelImages(_ images: Tensor) -> [String: [Int]] {
    var result = [String: [Int]]()
    for labeller in BuiltInLabellers.all { result[labeller.name] = classes(of: images, by: labeller) }
    return result
}

/// The class `labeller` gives each image of `images` `[N, 3, H, W]` (the generator's output in [-1, 1]).
public func classes(of images: Tensor, by labeller: any ImageLabeller) -> [Int] {
    (0..<images.shape[0]).map { labeller.label(PlanarImage(generatorOutput: images, index: $0)).classIndex }
}

/// Judges an edit of `attribute` toward class `targetClass` from the labels of the first and final images.
public func judgeEdit(attribute: String, targetClass: Int, before: [String: [Int]], after: [String: [Int]]) -> EditJudgement? {
    guard let labeller = builtInLabeller(attribute) else { return nil }
    return judgeLabelledEdit(attribute: attribute, classNames: labeller.classes, targetClass: targetClass,
                             others: BuiltInLabellers.all.map(\.name).filter { $0 != attribute }, before: before, after: after)
}

/// Judges an edit of `attribute` (classes `classNames`) toward class `targetClass` from any labels of the first and
/// final points (`before`, `after`, by attribute; a judge's, whatever labels them): success is the share of final
/// labels of `attribute` that are the class sought, and for each of `others` that both hold, the share whose label
/// stayed. Nil when `after` has no labels of `attribute`.
public func judgeLabelledEdit(attribute: String, classNames: [String], targetClass: Int, others: [String],
                              before: [String: [Int]], after: [String: [Int]]) -> EditJudgement? {
    guard let final = after[attribute], !final.isEmpty else { return nil }
    let count = final.count
    let success = Double(final.filter { $0 == targetClass }.count) / Double(count)
    let unchanged = others.compactMap { name -> (String, Double)? in
        guard let first = before[name], let last = after[name] else { return nil }
        return (name, Double(zip(first, last).filter { $0 == $1 }.count) / Double(count))
    }
    return EditJudgement(attribute: attribute, targetClass: classNames[targetClass], count: count,
                         successRate: success, unchanged: unchanged)
}
