import Foundation
import LatentClassifier
import NumericCore

// GradCtrl follows ∂p/∂z, normalised, and ranks channels by |∂p/∂z|. Both only need ∂p/∂z up to a positive
// factor per latent. In float32, p rounds to exactly 1 once a logit margin passes about 17, and ∂p/∂z, which
// carries the factor p(1 − p), becomes 0 (a sigmoid head) or loses its largest term (a softmax head), although
// the direction is perfectly defined. The functions here compute the same vectors divided by that factor,
// from the logit gradients and softmax weights that never round to 0 or 1.

/// The direction of ∂p_k/∂z at each row of `latents` `[N, D]`, divided by p_k(1 − p_k) > 0:
/// ∇ℓ_k − Σ_{j≠k} q_j ∇ℓ_j with q the softmax of the other classes' logits, for a softmax head; +∇ℓ (class 1)
/// or −∇ℓ (class 0) for a sigmoid head. Its normalisation is GradCtrl's normalised probability gradient.
public func targetDirection(_ classifier: MLPClassifier, classIndex k: Int, at latents: Tensor) -> Tensor {
    targetDirectionAndLogits(classifier, classIndex: k, at: latents).direction
}

/// `targetDirection` and the logits `[N, L]` it was computed from (an edit step also needs the probabilities).
func targetDirectionAndLogits(_ classifier: MLPClassifier, classIndex k: Int,
                              at latents: Tensor) -> (direction: Tensor, logits: Tensor) {
    let (logits, gradients) = logitGradients(classifier, at: latents)
    guard classifier.architecture.head == .softmax else {
        let direction = k == 1 ? gradients[0] : Tensor(shape: gradients[0].shape, storage: gradients[0].storage.map { -$0 })
        return (direction, logits)
    }
    let classes = logits.shape[1]
    let direction = combine(gradients, count: 1) { row in
        let others = softmax(logits.storage[(row * classes)..<((row + 1) * classes)], excluding: k)
        return [(0..<classes).map { $0 == k ? 1 : -others[$0] }]
    }[0]
    return (direction, logits)
}

/// For each class c of the classifier, ∂p_c/∂z at each row of `latents` `[N, D]`, all divided by the row's
/// p_m(1 − p_m) > 0, where m is the most probable class; for a sigmoid head the single vector ∇ℓ (∂p₁/∂z
/// divided by p₁(1 − p₁)). With r_j = exp(ℓ_j − ℓ_m), R = Σ_j r_j and q the softmax of the logits other than
/// m, the softmax rows are Σ_j q_c (δ_cj R − r_j) ∇ℓ_j for c ≠ m, and row m is minus their sum (the
/// probabilities sum to 1). These rank channels for masks (`channelSensitivity`).
public func protectedDirections(_ classifier: MLPClassifier, at latents: Tensor) -> [Tensor] {
    scaledClassGradients(classifier, at: latents, includingMostProbable: true)
}

/// The vectors of `protectedDirections` that span their span without redundancy, for projection: for a
/// softmax head, row m (minus the sum of the others) is left as zeros, since recovering it from the others
/// in float32 would add rounding noise as a direction.
public func protectedSpan(_ classifier: MLPClassifier, at latents: Tensor) -> [Tensor] {
    scaledClassGradients(classifier, at: latents, includingMostProbable: false)
}

/// `protectedDirections`, with row m zero unless `includingMostProbable`.
private func scaledClassGradients(_ classifier: MLPClassifier, at latents: Tensor, includingMostProbable: Bool) -> [Tensor] {
    let (logits, gradients) = logitGradients(classifier, at: latents)
    guard classifier.architecture.head == .softmax else { return gradients }
    let classes = logits.shape[1]
    return combine(gradients, count: classes) { row in
        let l = logits.storage[(row * classes)..<((row + 1) * classes)].map(Double.init)
        let m = (0..<classes).max { l[$0] < l[$1] || (l[$0] == l[$1] && $0 > $1) }!
        let r = l.map { exp($0 - l[m]) }
        let total = r.reduce(0, +)
        let q = softmax(logits.storage[(row * classes)..<((row + 1) * classes)], excluding: m)
        var coefficients = (0..<classes).map { c in
            (0..<classes).map { j in c == m ? 0 : q[c] * ((c == j ? total : 0) - r[j]) }
        }
        if includingMostProbable {
            coefficients[m] = (0..<classes).map { j in -coefficients.reduce(0) { $0 + $1[j] } }
        }
        return coefficients
    }
}

/// The logits `[N, L]` and, for each logit j, ∇ℓ_j `[N, D]` (for a sigmoid head L = 1 and ∇ℓ is the
/// gradient of the class-1 logit).
func logitGradients(_ classifier: MLPClassifier, at latents: Tensor) -> (logits: Tensor, gradients: [Tensor]) {
    let outputs = classifier.architecture.head == .sigmoid ? [1] : Array(0..<classifier.architecture.classCount)
    return (classifier.logits(latents), classifier.inputGradients(latents, of: outputs.map { .logit($0) }).gradients)
}

/// `count` vectors per row n: Σ_j a_ij ∇ℓ_j[n] for each row i of the `count` × L matrix `coefficients(n)`.
private func combine(_ gradients: [Tensor], count: Int, coefficients: (Int) -> [[Double]]) -> [Tensor] {
    let (n, d) = (gradients[0].shape[0], gradients[0].shape[1])
    var out = [Tensor](repeating: Tensor(shape: [n, d]), count: count)
    for row in 0..<n {
        let a = coefficients(row)
        for (i, weights) in a.enumerated() {
            for channel in 0..<d {
                var value = 0.0
                for (j, weight) in weights.enumerated() { value += weight * Double(gradients[j].storage[row * d + channel]) }
                out[i].storage[row * d + channel] = Float(value)
            }
        }
    }
    return out
}

/// The softmax of `logits` without class `excluded` (whose entry is 0), in double precision.
private func softmax(_ logits: ArraySlice<Float>, excluding excluded: Int) -> [Double] {
    let l = logits.map(Double.init)
    let top = l.indices.filter { $0 != excluded }.map { l[$0] }.max()!
    var e = l.indices.map { $0 == excluded ? 0 : exp(l[$0] - top) }
    let total = e.reduce(0, +)
    for j in e.indices { e[j] /= total }
    return e
}
