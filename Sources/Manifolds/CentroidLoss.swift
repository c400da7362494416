import Kernels
import NumericCore

/// The GE2E-style centroid loss (after Wan et al., 2018) on embeddings `[B, E]` grouped by direction: each
/// embedding's cosine similarities to the batch's per-direction centroids (means of the embeddings of that
/// direction, its own included), scaled by `scale`, go through a softmax over the directions present, and the
/// loss is the mean cross-entropy of the true direction. GE2E learns the scale and adds an offset; the offset
/// cancels in the softmax and the scale is fixed here (a choice of this reconstruction).
public func generalizedEndToEndLoss(_ embeddings: Tensor, labels: [Int], scale: Float = 10) -> LossResult {
    let (b, e) = (embeddings.shape[0], embeddings.shape[1])
    precondition(labels.count == b, "GE2E: one label per embedding")
    let present = Array(Set(labels)).sorted()
    let column = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
    let p = present.count
    let x = embeddings.storage
    // Unit embeddings and their norms.
    var norms = [Float](repeating: 0, count: b), unit = [Float](repeating: 0, count: b * e)
    for i in 0..<b {
        var total: Float = 0
        for j in 0..<e { total += x[i * e + j] * x[i * e + j] }
        norms[i] = max(total.squareRoot(), 1e-6)
        for j in 0..<e { unit[i * e + j] = x[i * e + j] / norms[i] }
    }
    // Centroids, their norms and unit vectors.
    var counts = [Float](repeating: 0, count: p), centroids = [Float](repeating: 0, count: p * e)
    for i in 0..<b {
        let c = column[labels[i]]!
        counts[c] += 1
        for j in 0..<e { centroids[c * e + j] += x[i * e + j] }
    }
    var centroidNorms = [Float](repeating: 0, count: p), centroidUnit = [Float](repeating: 0, count: p * e)
    for c in 0..<p {
        var total: Float = 0
        for j in 0..<e {
            centroids[c * e + j] /= counts[c]
            total += centroids[c * e + j] * centroids[c * e + j]
        }
        centroidNorms[c] = max(total.squareRoot(), 1e-6)
        for j in 0..<e { centroidUnit[c * e + j] = centroids[c * e + j] / centroidNorms[c] }
    }
    // Cosines [B, P] and the softmax cross-entropy over scaled cosines.
    var cosines = [Float](repeating: 0, count: b * p)
    sgemm(transposeB: true, m: b, n: p, k: e, a: unit, b: centroidUnit, c: &cosines)
    let logits = Tensor(shape: [b, p], storage: cosines.map { $0 * scale })
    let ce = softmaxCrossEntropy(logits, labels: labels.map { column[$0]! })
    // Back through the scale and the cosines: ∂s/∂x_i = (ĉ - s x̂)/|x_i|, ∂s/∂c = (x̂ - s ĉ)/|c|.
    var dx = [Float](repeating: 0, count: b * e), dc = [Float](repeating: 0, count: p * e)
    for i in 0..<b {
        for c in 0..<p {
            let ds = scale * ce.gradient.storage[i * p + c], s = cosines[i * p + c]
            if ds == 0 { continue }
            for j in 0..<e {
                dx[i * e + j] += ds * (centroidUnit[c * e + j] - s * unit[i * e + j]) / norms[i]
                dc[c * e + j] += ds * (unit[i * e + j] - s * centroidUnit[c * e + j]) / centroidNorms[c]
            }
        }
    }
    // Each centroid is the mean of its members.
    for i in 0..<b {
        let c = column[labels[i]]!
        for j in 0..<e { dx[i * e + j] += dc[c * e + j] / counts[c] }
    }
    return LossResult(value: ce.value, gradient: Tensor(shape: embeddings.shape, storage: dx))
}

/// The center loss (Wen et al., 2016): half the mean squared distance of each embedding `[B, E]` to its
/// direction's centre in `centres` `[K, E]`; the centres are constants here (see `updatedCentres`).
public func centerLoss(_ embeddings: Tensor, labels: [Int], centres: Tensor) -> LossResult {
    let (b, e) = (embeddings.shape[0], embeddings.shape[1])
    precondition(labels.count == b && centres.shape.count == 2 && centres.shape[1] == e, "center loss: shapes")
    var loss: Float = 0
    var gradient = [Float](repeating: 0, count: b * e)
    for (i, k) in labels.enumerated() {
        for j in 0..<e {
            let d = embeddings.storage[i * e + j] - centres.storage[k * e + j]
            loss += 0.5 * d * d
            gradient[i * e + j] = d / Float(b)
        }
    }
    return LossResult(value: loss / Float(b), gradient: Tensor(shape: embeddings.shape, storage: gradient))
}

/// The centres after one update: each centre of a direction in the batch moves `rate` of the way to the mean of
/// that direction's embeddings (Wen et al.'s update, α = `rate`).
public func updatedCentres(_ centres: Tensor, embeddings: Tensor, labels: [Int], rate: Float = 0.5) -> Tensor {
    let e = embeddings.shape[1]
    var sums = [Float](repeating: 0, count: centres.count), counts = [Float](repeating: 0, count: centres.shape[0])
    for (i, k) in labels.enumerated() {
        counts[k] += 1
        for j in 0..<e { sums[k * e + j] += embeddings.storage[i * e + j] }
    }
    var out = centres
    for k in 0..<centres.shape[0] where counts[k] > 0 {
        for j in 0..<e {
            let c = centres.storage[k * e + j]
            out.storage[k * e + j] = c + rate * (sums[k * e + j] / counts[k] - c)
        }
    }
    return out
}
