import LatentClassifier
import NumericCore

/// A batch of edit paths with the classifiers' view of them.
public struct EditResult: Sendable {
    /// The latents along each path `[N, steps + 1, D]`; point 0 is the start. A latent that stopped early
    /// repeats its last point to the end.
    public let path: Tensor
    /// The class the edit ascends.
    public let targetClass: Int
    /// The target attribute's class probabilities along the paths.
    public let target: AttributeTrace
    /// Each protected attribute's class probabilities along the paths, in the order given.
    public let protected: [AttributeTrace]
    /// For each latent, why and when it stopped early, or nil if it took every step.
    public let stops: [EditStop?]

    /// The final latents `[N, D]`.
    public var finalLatents: Tensor {
        let (n, points, d) = (path.shape[0], path.shape[1], path.shape[2])
        return path.reshaped([n * points, d]).gathering(rows: (0..<n).map { $0 * points + points - 1 })
    }
}

/// Edits every row of `latents` `[N, D]` toward `target`, recomputing the gradient and the masks or
/// projections at every step (a curved path), for `settings.steps` steps (see `editStep`). With
/// `settings.keepNorm`, every point keeps the starting latent's norm. Deterministic. Throws if the inputs do
/// not fit together.
public func editLatents(_ latents: Tensor, target: EditTarget, protected: [ProtectedAttribute],
                        method: EditMethod, settings: EditSettings) throws -> EditResult {
    try validateEdit(latents, target: target, protected: protected, method: method)
    let (n, d) = (latents.shape[0], latents.shape[1])
    let points = settings.steps + 1
    let startNorms = settings.keepNorm ? rowNorms(latents) : nil
    var anchor: RestoredOutputs?
    if case .restored = method { anchor = RestoredOutputs(protected, at: latents) }
    var path = [Float](repeating: 0, count: n * points * d)
    var current = latents
    var active = Array(0..<n)
    var stops = [EditStop?](repeating: nil, count: n)
    for point in 0..<points {
        for row in 0..<n {
            path.replaceSubrange(((row * points + point) * d)..<((row * points + point + 1) * d),
                                 with: current.storage[(row * d)..<((row + 1) * d)])
        }
        guard point < settings.steps, !active.isEmpty else { continue }
        let result = step(current.gathering(rows: active), target: target, protected: protected, method: method,
                          settings: settings, norms: startNorms.map { norms in active.map { norms[$0] } },
                          anchor: anchor!.rows(active))
        for (index, row) in active.enumerated() {
            if let reason = result.stops[index] {
                stops[row] = EditStop(reason: reason, stepsTaken: point)
            } else {
                current.storage.replaceSubrange((row * d)..<((row + 1) * d),
                                                with: result.latents.storage[(index * d)..<((index + 1) * d)])
            }
        }
        active = active.filter { stops[$0] == nil }
    }
    let pathTensor = Tensor(shape: [n, points, d], storage: path)
    return EditResult(path: pathTensor, targetClass: target.classIndex,
                      target: AttributeTrace(name: target.attribute, classifier: target.classifier, path: pathTensor),
                      protected: protected.map { AttributeTrace(name: $0.name, classifier: $0.classifier, path: pathTensor) },
                      stops: stops)
}
