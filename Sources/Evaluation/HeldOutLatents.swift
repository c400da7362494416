import Generator
import Labellers
import NumericCore

/// `count` latents drawn from `generator`'s prior with `random`, in batches of `renderBatchSize`, keeping those whose
/// rendered image `labeller` does not put in class `classIndex` (the latents an edit toward it is meant for),
/// in the order drawn. Throws if fewer than `count` of 50 × `count` draws qualify, or if rendering fails.
public func latentsOutsideClass(_ classIndex: Int, of labeller: any ImageLabeller, count: Int,
                                generator: any LatentGenerator, random: inout RandomSource) throws -> Tensor {
    try drawLatents(count, from: generator, random: &random,
                    describe: "outside class '\(labeller.classes[classIndex])' of '\(labeller.name)'") { batch in
        let labels = classes(of: try generator.render(batch), by: labeller)
        return labels.indices.filter { labels[$0] != classIndex }
    }
}
