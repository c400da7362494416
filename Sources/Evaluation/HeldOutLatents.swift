import Dataset
import Generator
import Labellers
import NumericCore

/// `count` latents drawn from `generator`'s prior with `random`, in batches of `renderBatchSize`, keeping those whose
/// rendered image `labeller` does not put in class `classIndex` (the latents an edit toward it is meant for),
/// in the order drawn. Throws if fewer than `count` of 50 × `count` draws qualify, or if rendering fails.
public func latentsOutsideClass(_ classIndex: Int, of labeller: any ImageLabeller, count: Int,
                                generator: any LatentGenerator, random: inout RandomSource) throws -> Tensor {
    try latentsOutsideClass(classIndex, count: count, generator: generator, random: &random,
                            describe: "outside class '\(labeller.classes[classIndex])' of '\(labeller.name)'") { batch in
        classes(of: try generator.render(batch), by: labeller)
    }.latents
}

/// `count` latents drawn from `generator`'s prior with `random`, in batches of `renderBatchSize`, keeping those
/// `classify` does not put in class `classIndex`, in the order drawn; with the share of every draw examined that
/// was in the class (the prior's rate of it, by `classify`). Throws if fewer than `count` of 50 × `count` draws
/// qualify (`describe` names the condition), or if `classify` fails.
public func latentsOutsideClass(_ classIndex: Int, count: Int, generator: any LatentGenerator, random: inout RandomSource,
                                describe: String, classify: (Tensor) throws -> [Int]) throws -> (latents: Tensor, priorShare: Double) {
    var drawn = 0, inClass = 0
    let latents = try drawLatents(count, from: generator, random: &random, describe: describe) { batch in
        let labels = try classify(batch)
        drawn += labels.count
        inClass += labels.filter { $0 == classIndex }.count
        return labels.indices.filter { labels[$0] != classIndex }
    }
    return (latents, Double(inClass) / Double(max(drawn, 1)))
}

/// The samples of `dataset` that no classifier of an evaluation trained on: those in the training split (`split`)
/// of none of its attributes (an attribute without a usable split trains nothing), ascending.
public func samplesNoClassifierTrainedOn(_ dataset: LabelledDataset, split: SplitOptions) -> [Int] {
    var trained = Set<Int>()
    for attribute in dataset.manifest.attributes {
        guard let chosen = try? dataset.trainingSplit(attribute: attribute.name, options: split) else { continue }
        trained.formUnion(chosen.train)
    }
    return (0..<dataset.count).filter { !trained.contains($0) }
}

/// Up to `count` of `candidates` (samples of `dataset`) whose own label of attribute `column` is a class other than
/// `classIndex`, in the order of a permutation drawn from `random`.
public func samplesOutsideClass(_ classIndex: Int, column: [Int?], candidates: [Int], count: Int,
                                random: inout RandomSource) -> [Int] {
    let eligible = candidates.filter { column[$0] != nil && column[$0] != classIndex }
    return Array(random.permutation(eligible.count).map { eligible[$0] }.prefix(count))
}
