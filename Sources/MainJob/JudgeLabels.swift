import Editing
import Generator
import Labellers
import NumericCore

/// Labels that judge edits without the edit's own classifiers: the built-in image labellers on rendered images, or
/// judge classifiers cross-fitted on samples the edit's classifiers never trained on (`crossFittedJudgeLabels`).
/// The mask choice, the stop rule and their tables take their figures from these labels.
public struct JudgeLabels {
    /// Who judges, in words, for logs and tables ("the built-in image labellers").
    public let name: String
    /// The edit's target attribute and its classes.
    public let attribute: String
    public let classNames: [String]
    /// The other attributes the judge labels, in order: the kept shares are theirs.
    public let others: [String]
    /// Labels of latents `[N, D]` by attribute (the target and `others`).
    public let label: (Tensor) throws -> [String: [Int]]

    /// Labels from their parts.
    public init(name: String, attribute: String, classNames: [String], others: [String],
                label: @escaping (Tensor) throws -> [String: [Int]]) {
        self.name = name
        self.attribute = attribute
        self.classNames = classNames
        self.others = others
        self.label = label
    }

    /// The judgement of edits toward `targetClass` whose first and final points have labels `before` and `after`.
    public func judge(targetClass: Int, before: [String: [Int]], after: [String: [Int]]) -> EditJudgement {
        judgeLabelledEdit(attribute: attribute, classNames: classNames, targetClass: targetClass, others: others,
                          before: before, after: after)!
    }
}

/// The built-in image labellers as judges of `attribute`'s edits, when `generator` renders images they read and
/// `attribute` has a built-in labeller; else nil.
public func imageLabellerLabels(attribute: String, generator: any LatentGenerator) -> JudgeLabels? {
    guard generator.canRender, PlanarImage.labellersRead(generator.imageShape), let labeller = builtInLabeller(attribute) else {
        return nil
    }
    return JudgeLabels(name: "the built-in image labellers", attribute: attribute, classNames: labeller.classes,
                       others: BuiltInLabellers.all.map(\.name).filter { $0 != attribute },
                       label: { labelImages(try generator.render($0)) })
}

/// A judge of edits from `labels` (which no edit uses): for every direction, the edits of every `stride`-th held-out
/// latent have their final point labelled, and compared with the latents' `start` labels: success is the share
/// labelled with the class sought, and for every other attribute the judge labels the share whose label stayed.
func labelsJudge(start: [String: [Int]], labels: JudgeLabels, stride: Int = 4) -> ([DirectionEdits]) throws -> JudgedEdits {
    return { edits in
        var count = 0, successes = 0
        var kept = [String: Int]()
        var directions = [JudgedDirection]()
        for direction in edits {
            let judged = direction.rows.indices.filter { direction.rows[$0] % stride == 0 }
            guard !judged.isEmpty else { continue }
            let after = try labels.label(direction.result.finalLatents.gathering(rows: judged))
            let judgement = labels.judge(targetClass: direction.target.classIndex,
                                         before: start.mapValues { labels in judged.map { labels[direction.rows[$0]] } },
                                         after: after)
            // The judgement's shares of `judged.count` latents, back to counts for pooling.
            func latents(_ share: Double) -> Int { Int((share * Double(judged.count)).rounded()) }
            let keptHere = judgement.unchanged.map { latents($0.rate) }
            for (name, same) in zip(judgement.unchanged.map(\.attribute), keptHere) { kept[name, default: 0] += same }
            count += judged.count
            successes += latents(judgement.successRate)
            let meanKept = Double(keptHere.reduce(0, +)) / Double(judged.count * max(keptHere.count, 1))
            directions.append(JudgedDirection(classIndex: direction.target.classIndex,
                                              className: labels.classNames[direction.target.classIndex], count: judged.count,
                                              successRate: judgement.successRate, meanKept: meanKept))
        }
        return JudgedEdits(judge: labels.name, count: count,
                           successRate: Double(successes) / Double(max(count, 1)),
                           keptRates: kept.mapValues { Double($0) / Double(max(count, 1)) }, directions: directions)
    }
}
