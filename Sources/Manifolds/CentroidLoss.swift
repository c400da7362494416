import NumericCore

/// The GE2E-style centroid loss (after Wan et al., 2018) on embeddings `[B, E]` grouped by direction: each
/// embedding's cosine similarities to the batch's per-direction centroids, scaled by `scale`, go through a
/// softmax over the directions present, and the loss is the mean cross-entropy of the true direction. As in
/// GE2E, an embedding's own direction's centroid leaves the embedding out; embeddings alone in their direction
/// have no such centroid and are skipped. GE2E learns the scale and adds an offset; the offset cancels in the
/// softmax and the scale is fixed here (a choice of this reconstruction).
public func generalizedEndToEndLoss(_ embeddings: Tensor, labels: [Int], scale: Float = 10) -> LossResult {
    let (b, e) = (embeddings.shape[0], embeddings.shape[1])
    precondition(labels.count == b, "GE2E: one label per embedding")
    let present = Array(Set(labels)).sorted()
    let column = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
    let p = present.count
    let x = embeddings.storage
    func row(_ i: Int) -> ArraySlice<Float> { x[(i * e)..<((i + 1) * e)] }
    var counts = [Int](repeating: 0, count: p), sums = [[Float]](repeating: [Float](repeating: 0, count: e), count: p)
    for i in 0..<b {
        let c = column[labels[i]]!
        counts[c] += 1
        for j in 0..<e { sums[c][j] += x[i * e + j] }
    }
    let included = (0..<b).filter { counts[column[labels[$0]]!] >= 2 }
    guard !included.isEmpty, p >= 2 else { return LossResult(value: 0, gradient: Tensor(shape: embeddings.shape)) }
    // ∂loss/∂(sum of direction c), from the shared centroids, and ∂loss/∂x_i.
    var dSums = [[Float]](repeating: [Float](repeating: 0, count: e), count: p)
    var dx = [Float](repeating: 0, count: b * e)
    var loss: Float = 0
    let weight = 1 / Float(included.count)
    for i in included {
        let own = column[labels[i]]!
        let xi = Array(row(i)), xNorm = max(vectorNorm(xi), 1e-6)
        // The centroid seen by sample i for each direction: its own leaves it out.
        let centroids: [[Float]] = (0..<p).map { c in
            c == own ? (0..<e).map { (sums[c][$0] - xi[$0]) / Float(counts[c] - 1) } : sums[c].map { $0 / Float(counts[c]) }
        }
        let norms = centroids.map { max(vectorNorm($0), 1e-6) }
        let cosines = (0..<p).map { c in zip(xi, centroids[c]).reduce(Float(0)) { $0 + $1.0 * $1.1 } / (xNorm * norms[c]) }
        let ce = softmaxCrossEntropy(Tensor(shape: [1, p], storage: cosines.map { $0 * scale }), labels: [own])
        loss += weight * ce.value
        for c in 0..<p {
            let ds = weight * scale * ce.gradient.storage[c], s = cosines[c]
            if ds == 0 { continue }
            for j in 0..<e {
                let (xh, ch) = (xi[j] / xNorm, centroids[c][j] / norms[c])
                dx[i * e + j] += ds * (ch - s * xh) / xNorm
                let dCentroid = ds * (xh - s * ch) / norms[c]
                if c == own {
                    // (sum - x_i)/(n - 1): the sum gets it, x_i gives it back.
                    dSums[c][j] += dCentroid / Float(counts[c] - 1)
                    dx[i * e + j] -= dCentroid / Float(counts[c] - 1)
                } else {
                    dSums[c][j] += dCentroid / Float(counts[c])
                }
            }
        }
    }
    for i in 0..<b {
        let c = column[labels[i]]!
        for j in 0..<e { dx[i * e + j] += dSums[c][j] }
    }
    return LossResult(value: loss, gradient: Tensor(shape: embeddings.shape, storage: dx))
}

/// The Euclidean norm of a vector.
func vectorNorm(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

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
