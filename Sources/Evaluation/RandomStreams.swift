import NumericCore

/// The independent random streams of an evaluation run, each a `RandomSource` fixed by the run's seed. Their
/// seeds are the run's seed with high bits flipped, so they never coincide with a dataset sampled with a small
/// seed: latents drawn here are never the training latents.
public enum EvaluationStream: UInt64, Sendable {
    /// The held-out latents every method edits (drawn afresh for each target).
    case heldOut = 0xE7A1_0000_0000_0001
    /// The latents on which GANSpace's and SeFa's component is chosen.
    case selection = 0xE7A1_0000_0000_0002
    /// GANSpace's latent sample and its subspace iteration.
    case ganSpace = 0xE7A1_0000_0000_0003
    /// The random reference's directions.
    case randomDirections = 0xE7A1_0000_0000_0004

    /// The stream's generator for a run with `seed`.
    public func random(seed: UInt64) -> RandomSource { RandomSource(seed: seed ^ rawValue) }
}
