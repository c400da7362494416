import Dataset
import Generator
import NumericCore
import Workflow

/// `count` latents drawn from `generator`'s prior with `random`, in batches of 64, keeping those whose
/// rendered image `labeller` does not put in class `classIndex` (the latents an edit toward it is meant for),
/// in the order drawn. Throws if fewer than `count` of 50 × `count` draws qualify, or if rendering fails.
public func latentsOutsideClass(_ classIndex: Int, of labeller: any ImageLabeller, count: Int,
                                generator: DCGANGenerator, random: inout RandomSource) throws -> Tensor {
    let d = generator.latentDimension
    var kept = [Float]()
    var draws = 0
    while kept.count < count * d {
        guard draws < 50 * count else {
            throw WorkflowError("fewer than \(count) of \(draws) drawn latents are outside class '\(labeller.classes[classIndex])' of '\(labeller.name)'")
        }
        let batch = generator.samplePrior(count: 64, random: &random)
        draws += 64
        let images = try generator.render(batch)
        let outside = (0..<64).filter { labeller.label(PlanarImage(generatorOutput: images, index: $0)).classIndex != classIndex }
        kept += batch.gathering(rows: outside).storage
    }
    return Tensor(shape: [count, d], storage: Array(kept.prefix(count * d)))
}
