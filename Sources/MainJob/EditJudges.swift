import Editing
import Generator
import Labellers
import NumericCore

/// Every built-in labeller's class for each held-out latent's image, when those labellers can judge edits of
/// `attribute` here (the generator renders images they read and `attribute` has a built-in labeller); else nil.
/// The mask choice's judge and the stop rule both start from these labels.
func heldOutImageLabels(_ heldOut: Tensor, attribute: String, generator: any LatentGenerator) throws -> [String: [Int]]? {
    guard generator.canRender, PlanarImage.labellersRead(generator.imageShape), builtInLabeller(attribute) != nil else {
        return nil
    }
    return labelImages(try generator.render(heldOut))
}

/// The built-in image labellers as a judge of held-out edits (they label the images; no edit sees them): for
/// every direction, the edits of every `stride`-th held-out latent have their final point rendered by `generator`
/// and labelled, and `judgeEdit` compares them with the latents' `start` labels (`heldOutImageLabels`): success is
/// the share labelled with the class sought, and for every other labeller the share whose label stayed the start's.
func imageLabellerJudge(start: [String: [Int]], attribute: String, generator: any LatentGenerator,
                        stride: Int = 4) -> ([DirectionEdits]) throws -> JudgedEdits {
    let classNames = builtInLabeller(attribute)!.classes
    return { edits in
        var count = 0, successes = 0
        var kept = [String: Int]()
        var directions = [JudgedDirection]()
        for direction in edits {
            let judged = direction.rows.indices.filter { direction.rows[$0] % stride == 0 }
            guard !judged.isEmpty else { continue }
            let after = labelImages(try generator.render(direction.result.finalLatents.gathering(rows: judged)))
            let judgement = judgeEdit(attribute: attribute, targetClass: direction.target.classIndex,
                                      before: start.mapValues { labels in judged.map { labels[direction.rows[$0]] } },
                                      after: after)!
            // The judgement's shares of `judged.count` latents, back to counts for pooling.
            func latents(_ share: Double) -> Int { Int((share * Double(judged.count)).rounded()) }
            let keptHere = judgement.unchanged.map { latents($0.rate) }
            for (name, same) in zip(judgement.unchanged.map(\.attribute), keptHere) { kept[name, default: 0] += same }
            count += judged.count
            successes += latents(judgement.successRate)
            let meanKept = Double(keptHere.reduce(0, +)) / Double(judged.count * max(keptHere.count, 1))
            directions.append(JudgedDirection(classIndex: direction.target.classIndex,
                                              className: classNames[direction.target.classIndex], count: judged.count,
                                              successRate: judgement.successRate, meanKept: meanKept))
        }
        return JudgedEdits(judge: "the built-in image labellers", count: count,
                           successRate: Double(successes) / Double(max(count, 1)),
                           keptRates: kept.mapValues { Double($0) / Double(max(count, 1)) }, directions: directions)
    }
}
