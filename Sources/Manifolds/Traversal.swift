import Generator
import NumericCore

/// The magnitudes of a traversal: `columns` values evenly spaced from -maximum to +maximum.
public func traversalMagnitudes(maximum: Float, columns: Int) -> [Float] {
    precondition(columns >= 2, "a traversal needs at least two columns")
    return (0..<columns).map { -maximum + 2 * maximum * Float($0) / Float(columns - 1) }
}

/// The images of `latents` `[N, D]` moved along direction `k` by each of `magnitudes`: `[N·M, C, H, W]`, latent
/// by latent, magnitudes in order within each latent.
public func traversalImages(transform: any LatentTransform, direction k: Int, latents: Tensor, magnitudes: [Float],
                            generator: any LatentGenerator) throws -> Tensor {
    let (n, d, m) = (latents.shape[0], latents.shape[1], magnitudes.count)
    let steps = transform.shifts(directions: [Int](repeating: k, count: m), magnitudes: magnitudes)
    var moved = [Float]()
    moved.reserveCapacity(n * m * d)
    for i in 0..<n {
        for j in 0..<m {
            for x in 0..<d { moved.append(latents.storage[i * d + x] + steps.storage[j * d + x]) }
        }
    }
    var parts = [Tensor]()
    try generator.forEachRenderedBatch(Tensor(shape: [n * m, d], storage: moved), batchSize: renderBatchSize) { _, images in
        parts.append(images)
    }
    return Tensor(concatenatingRows: parts)
}
