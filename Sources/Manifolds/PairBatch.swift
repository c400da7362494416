import Generator
import NumericCore

/// One batch of training or evaluation pairs before rendering: latents z, directions k and magnitudes ε; the
/// pair is (G(z), G(z + T(ε e_k))).
public struct PairBatch: Sendable, Equatable {
    /// `[B, D]`.
    public let latents: Tensor
    /// k per pair.
    public let directions: [Int]
    /// ε per pair.
    public let magnitudes: [Float]

    /// A batch from its parts.
    public init(latents: Tensor, directions: [Int], magnitudes: [Float]) {
        precondition(latents.rank == 2 && latents.shape[0] == directions.count && directions.count == magnitudes.count,
                     "PairBatch: one direction and magnitude per latent")
        self.latents = latents
        self.directions = directions
        self.magnitudes = magnitudes
    }

    /// Draws `count` pairs: latents from `generator`'s prior (z ~ N(0, I), mapped to w by a style-based worker
    /// in w space); directions balanced, every direction once per K pairs in a fresh random
    /// order (so that a batch of B ≥ 2K holds at least two pairs of each direction, which the centroid losses
    /// need); ε uniform in [-scale, scale] with |ε| raised to at least `minShift` (Voynov & Babenko's sampling).
    public init(count: Int, generator: any LatentGenerator, directions: Int, shiftScale: Float, minShift: Float,
                random: inout RandomSource) throws {
        let z = try generator.drawPrior(count: count, random: &random)
        var ks = [Int](), eps = [Float]()
        var cycle = [Int]()
        for _ in 0..<count {
            if cycle.isEmpty { cycle = random.permutation(directions) }
            ks.append(cycle.removeLast())
            var e = random.uniform(-shiftScale, shiftScale)
            if abs(e) < minShift { e = e < 0 ? -minShift : minShift }
            eps.append(e)
        }
        self.init(latents: z, directions: ks, magnitudes: eps)
    }

    /// Pairs.
    public var count: Int { directions.count }
}

extension ManifoldConfiguration {
    /// The random stream of training step `step` (0-based): a function of the seed and the step alone, so a
    /// resumed run draws exactly what an uninterrupted one would.
    public func stepRandom(_ step: Int) -> RandomSource {
        RandomSource(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(step + 1))
    }

    /// The random stream of the held-out pairs: a function of the seed alone, disjoint from training's.
    public var heldOutRandom: RandomSource { RandomSource(seed: seed ^ 0x4845_4C44_4F55_5421) }

    /// A training batch for step `step`.
    public func trainingBatch(step: Int, generator: any LatentGenerator) throws -> PairBatch {
        var random = stepRandom(step)
        return try PairBatch(count: batch, generator: generator, directions: directions,
                         shiftScale: shiftScale, minShift: minShift, random: &random)
    }
}
