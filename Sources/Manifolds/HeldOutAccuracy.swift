import Generator
import NumericCore

/// The share of held-out pairs whose direction R names correctly, and R's mean |ε̂ - ε| on them. The pairs are
/// drawn from `configuration.heldOutRandom`, a stream training never uses, in batches of the training size.
public func heldOutAccuracy(model: ManifoldModel, generator: any LatentGenerator, configuration c: ManifoldConfiguration,
                            pairs: Int) throws -> (accuracy: Double, shiftError: Double) {
    var random = c.heldOutRandom
    var correct = 0.0, shiftError = 0.0, done = 0
    while done < pairs {
        let n = min(c.batch, pairs - done)
        let batch = try PairBatch(count: n, generator: generator, directions: c.directions,
                              shiftScale: c.shiftScale, minShift: c.minShift, random: &random)
        var evaluation = c
        evaluation.batch = n
        let losses = try evaluateLoss(batch, model: model, generator: generator, configuration: evaluation,
                                      gradients: false).losses
        correct += Double(losses.accuracy) * Double(n)
        shiftError += Double(losses.shift) * Double(n)
        done += n
    }
    return (correct / Double(max(pairs, 1)), shiftError / Double(max(pairs, 1)))
}
