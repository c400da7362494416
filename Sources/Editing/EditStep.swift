import LatentClassifier
import NumericCore

/// A direction whose length after masking or projection is at most this fraction of the target gradient's
/// length counts as removed, and the latent stops instead of dividing by (almost) zero. When the target
/// gradient lies in the protected span, float32 rounding leaves a remainder below 1e-7 of it (measured on
/// trained 3- to 5-class classifiers of 100-d latents); that is noise, not a direction.
public let vanishedGradientTolerance = 1e-4

/// The outcome of one edit step for a batch of latents.
public struct EditStepResult: Sendable {
    /// The latents `[N, D]` after the step; a row that stopped is unchanged.
    public let latents: Tensor
    /// For each row, why it did not move, or nil if it moved.
    public let stops: [EditStopReason?]
    /// The target class probability of each row before the step.
    public let targetProbabilities: [Float]
}

/// One GradCtrl step for every row of `latents` `[N, D]`: the direction of the target probability's gradient
/// at the current latent (`targetDirection`), masked or projected by `method` against the `protected`
/// attributes at the current latent (`protectedDirections` for masks, `protectedSpan` for projection),
/// normalised and taken with length `settings.stepLength`, then, with `settings.keepNorm`, rescaled to the
/// row's length before the step; `restored` then applies its restoring corrections toward the protected
/// outputs at `pathStart` (`[N, D]`, the latents the paths began at; nil: `latents` themselves). A row whose
/// target probability is already at `settings.stopProbability`, or whose direction vanishes, does not move.
/// `settings.steps` is not used. Throws if the inputs do not fit together.
public func editStep(_ latents: Tensor, target: EditTarget, protected: [ProtectedAttribute], method: EditMethod,
                     settings: EditSettings, pathStart: Tensor? = nil) throws -> EditStepResult {
    try validateEdit(latents, target: target, protected: protected, method: method)
    if let pathStart, pathStart.shape != latents.shape {
        throw EditError("the path starts have shape \(pathStart.shape), the latents \(latents.shape)")
    }
    return step(latents, target: target, protected: protected, method: method, settings: settings,
                norms: settings.keepNorm ? rowNorms(latents) : nil,
                anchor: RestoredOutputs(protected, at: pathStart ?? latents))
}

/// Throws unless `latents` are `[N, D]` for the target classifier's D, every protected classifier takes D
/// inputs, protected names are unique and differ from the target's, and `method` fits them.
public func validateEdit(_ latents: Tensor, target: EditTarget, protected: [ProtectedAttribute],
                         method: EditMethod) throws {
    let d = target.classifier.architecture.inputDimension
    guard latents.rank == 2, latents.shape[1] == d else {
        throw EditError("latents must have shape [N, \(d)] for the classifier of '\(target.attribute)', got \(latents.shape)")
    }
    guard latents.isFinite else { throw EditError("latents hold NaN or infinite values") }
    var seen = Set<String>()
    for attribute in protected {
        guard attribute.classifier.architecture.inputDimension == d else {
            throw EditError("the classifier of protected attribute '\(attribute.name)' takes \(attribute.classifier.architecture.inputDimension) inputs, the target's takes \(d)")
        }
        guard attribute.name != target.attribute else {
            throw EditError("'\(target.attribute)' is the target and cannot also be protected")
        }
        guard seen.insert(attribute.name).inserted else {
            throw EditError("protected attribute '\(attribute.name)' is listed twice")
        }
    }
    try method.validate(for: protected, dimension: d)
}

/// The step itself, for validated inputs; `norms`, when given, are the lengths each row is rescaled to, and
/// `anchor` the protected outputs a restoring correction returns to.
func step(_ latents: Tensor, target: EditTarget, protected: [ProtectedAttribute], method: EditMethod,
          settings: EditSettings, norms: [Double]?, anchor: @autoclosure () -> RestoredOutputs) -> EditStepResult {
    let (gradient, logits) = targetDirectionAndLogits(target.classifier, classIndex: target.classIndex, at: latents)
    let probabilities = target.classifier.classProbabilities(fromLogits: logits)
    let k = target.classifier.architecture.classCount
    let targetProbabilities = (0..<latents.shape[0]).map { probabilities.storage[$0 * k + target.classIndex] }
    var direction = gradient
    switch method {
    case .plain:
        break
    case .masked(let budgets):
        for attribute in protected where budgets[attribute.name]! > 0 {
            let sensitivity = channelSensitivity(protectedDirections(attribute.classifier, at: latents),
                                                 head: attribute.classifier.architecture.head)
            zeroMostSensitiveChannels(of: &direction, sensitivity: sensitivity, count: budgets[attribute.name]!)
        }
    case .projected, .restored:
        projectOut(protected.flatMap { protectedSpan($0.classifier, at: latents) }, from: &direction)
    }
    let d = latents.shape[1]
    var moved = latents
    var stops = [EditStopReason?](repeating: nil, count: latents.shape[0])
    for row in 0..<latents.shape[0] {
        let range = (row * d)..<((row + 1) * d)
        if let stop = settings.stopProbability, targetProbabilities[row] >= stop {
            stops[row] = .reachedStopProbability
            continue
        }
        let gradientLength = norm(gradient.storage[range].map(Double.init))
        let directionLength = norm(direction.storage[range].map(Double.init))
        guard gradientLength > 0, gradientLength.isFinite else {
            stops[row] = .targetGradientVanished
            continue
        }
        guard directionLength > vanishedGradientTolerance * gradientLength else {
            stops[row] = .methodRemovedGradient
            continue
        }
        let scale = Double(settings.stepLength) / directionLength
        var w = (0..<d).map { Double(latents.storage[row * d + $0]) + scale * Double(direction.storage[row * d + $0]) }
        if let norms, norms[row] > 0 {
            let rescale = norms[row] / norm(w)
            w = w.map { $0 * rescale }
        }
        for j in 0..<d { moved.storage[row * d + j] = Float(w[j]) }
    }
    if case .restored(let rounds) = method, !protected.isEmpty {
        let anchor = anchor()
        for _ in 0..<rounds {
            restore(&moved, protected: protected, anchor: anchor, maximumLength: Double(settings.stepLength),
                    norms: norms, frozen: stops.map { $0 != nil })
        }
    }
    return EditStepResult(latents: moved, stops: stops, targetProbabilities: targetProbabilities)
}

/// The Euclidean length of each row of `latents` `[N, D]`.
func rowNorms(_ latents: Tensor) -> [Double] {
    let d = latents.shape[1]
    return (0..<latents.shape[0]).map { norm(latents.storage[($0 * d)..<(($0 + 1) * d)].map(Double.init)) }
}
