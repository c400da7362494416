import Generator
import NumericCore

/// How a set of directions behaves in image space, measured on the same latents for every method compared.
public struct DirectionQuality: Sendable, Equatable, Codable {
    /// Per direction: the mean pairwise cosine similarity, over latents, of the image change G(z + T(ε e_k)) - G(z)
    /// at ε = ±ε_max (the two signs averaged). 1 = every face changes the same way.
    public let consistency: [Double]
    /// Per direction: Σ‖x_{t+1} - 2x_t + x_{t-1}‖ / Σ‖x_{t+1} - x_t‖ along a traversal from -ε_max to +ε_max,
    /// averaged over latents. 0 = the images change at a constant rate along a straight image-space line.
    public let roughness: [Double]
    /// Per direction: the mean ‖G(z + T(ε_max e_k)) - G(z)‖ per pixel value (RMS change), so that a direction that
    /// barely changes the image is visible as such.
    public let changeSize: [Double]

    /// Mean consistency over directions.
    public var meanConsistency: Double { consistency.reduce(0, +) / Double(max(consistency.count, 1)) }
    /// Mean roughness over directions.
    public var meanRoughness: Double { roughness.reduce(0, +) / Double(max(roughness.count, 1)) }
    /// Mean change size over directions.
    public var meanChangeSize: Double { changeSize.reduce(0, +) / Double(max(changeSize.count, 1)) }
}

/// Consistency, roughness and change size of every direction of `transform` on `latents`, along a traversal of
/// `steps` magnitudes from -maximum to +maximum (steps odd, so that ε = 0 is one of them).
public func directionQuality(transform: any LatentTransform, latents: Tensor, maximum: Float, steps: Int,
                             generator: any LatentGenerator) throws -> DirectionQuality {
    precondition(steps >= 3 && steps % 2 == 1, "directionQuality: an odd number of steps ≥ 3")
    let magnitudes = traversalMagnitudes(maximum: maximum, columns: steps)
    let n = latents.shape[0]
    var consistency = [Double](), roughness = [Double](), changeSize = [Double]()
    for k in 0..<transform.directionCount {
        let images = try traversalImages(transform: transform, direction: k, latents: latents, magnitudes: magnitudes,
                                         generator: generator)
        let size = images.count / (n * steps)
        func image(_ i: Int, _ t: Int) -> ArraySlice<Float> {
            images.storage[((i * steps + t) * size)..<((i * steps + t + 1) * size)]
        }
        var rough = 0.0, change = 0.0
        var ends: [[[Double]]] = [[], []]  // the changes at -ε_max and +ε_max, per latent
        for i in 0..<n {
            let path = (0..<steps).map { t in image(i, t).map(Double.init) }
            var first = 0.0, second = 0.0
            for t in 0..<(steps - 1) {
                first += norm(zip(path[t + 1], path[t]).map { $0 - $1 })
                if t >= 1 { second += norm((0..<size).map { path[t + 1][$0] - 2 * path[t][$0] + path[t - 1][$0] }) }
            }
            rough += first > 0 ? second / first : 0
            for (e, t) in [0, steps - 1].enumerated() {
                let delta = zip(path[t], path[steps / 2]).map { $0 - $1 }
                ends[e].append(delta)
                change += norm(delta) / Double(size).squareRoot() / 2
            }
        }
        consistency.append(ends.map(meanPairwiseCosine).reduce(0, +) / 2)
        roughness.append(rough / Double(n))
        changeSize.append(change / Double(n))
    }
    return DirectionQuality(consistency: consistency, roughness: roughness, changeSize: changeSize)
}

/// The Euclidean norm.
func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

/// The mean cosine similarity over all pairs of `vectors` (zero vectors count as 0).
func meanPairwiseCosine(_ vectors: [[Double]]) -> Double {
    let norms = vectors.map(norm)
    var total = 0.0, pairs = 0
    for a in 0..<vectors.count {
        for b in (a + 1)..<vectors.count {
            let dot = zip(vectors[a], vectors[b]).reduce(0) { $0 + $1.0 * $1.1 }
            total += norms[a] > 0 && norms[b] > 0 ? dot / (norms[a] * norms[b]) : 0
            pairs += 1
        }
    }
    return pairs > 0 ? total / Double(pairs) : 0
}
