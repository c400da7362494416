import NumericCore

/// Draws `count` latents from the generator's prior in batches of `renderBatchSize`, keeping only the rows of each batch that
/// `keeping` returns, until `count` are kept; throws if fewer than `count` of `50 × count` draws qualify.
/// `describe` names the condition for that message.
public func drawLatents(_ count: Int, from generator: any LatentGenerator, random: inout RandomSource,
                        describe: String, keeping: (Tensor) throws -> [Int]) throws -> Tensor {
    let d = generator.latentDimension
    var kept = [Float]()
    var draws = 0
    while kept.count < count * d {
        guard draws < 50 * count else {
            throw GeneratorError.tooFewLatents(wanted: count, drawn: draws, condition: describe)
        }
        let batch = try generator.drawPrior(count: renderBatchSize, random: &random)
        draws += 64
        kept += batch.gathering(rows: try keeping(batch)).storage
    }
    return Tensor(shape: [count, d], storage: Array(kept.prefix(count * d)))
}
