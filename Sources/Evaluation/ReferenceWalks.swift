import Editing
import Generator
import Kernels
import NumericCore

/// The random reference: each latent of `latents` `[N, D]` walks `settings.steps` steps of
/// `settings.stepLength` along one random unit direction of its own (drawn from `random`), rescaled to its
/// starting norm after every step when `settings.keepNorm` (the GradCtrl methods' norm rule). Returns the
/// final latents. What it keeps is what any move of that length keeps by chance.
func randomWalk(_ latents: Tensor, settings: EditSettings, random: inout RandomSource) -> Tensor {
    let (n, d) = (latents.shape[0], latents.shape[1])
    var out = latents
    for row in 0..<n {
        let u = random.normals(d).map(Double.init)
        let length = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        var w = (0..<d).map { Double(latents.storage[row * d + $0]) }
        let start = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<settings.steps {
            for j in 0..<d { w[j] += Double(settings.stepLength) * u[j] / length }
            if settings.keepNorm, start > 0 {
                let scale = start / w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                w = w.map { $0 * scale }
            }
        }
        for j in 0..<d { out.storage[row * d + j] = Float(w[j]) }
    }
    return out
}

/// The image-space oracle: GradCtrl's step toward `target` with, instead of classifiers' gradients, the
/// exact gradients of the labellers' own image statistics `statistics` (backpropagated through `generator`
/// to z at every step) projected out, rescaled to the starting norm after every step when
/// `settings.keepNorm`. It needs the labellers as differentiable image functions, which a user's attribute
/// does not have: a bound on what protection can achieve, not a method. Returns the final latents and how
/// many stopped because the projection removed the whole direction.
func imageOracleWalk(_ latents: Tensor, target: EditTarget, statistics: [LinearImageStatistic],
                     settings: EditSettings, generator: any LatentGenerator,
                     chunk: Int = 64) throws -> (finals: Tensor, stopped: Int) {
    let (n, d) = (latents.shape[0], latents.shape[1])
    let startNorms = (0..<n).map { row in latents.storage[(row * d)..<((row + 1) * d)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
    var current = latents
    var stopped = [Bool](repeating: false, count: n)
    for _ in 0..<settings.steps {
        let active = (0..<n).filter { !stopped[$0] }
        guard !active.isEmpty else { break }
        let points = current.gathering(rows: active)
        var direction = targetDirection(target.classifier, classIndex: target.classIndex, at: points)
        let gradient = direction
        let protectedGradients = try statisticGradients(points, statistics: statistics, generator: generator, chunk: chunk)
        projectOut(protectedGradients, from: &direction)
        for (index, row) in active.enumerated() {
            let g = gradient.storage[(index * d)..<((index + 1) * d)].map(Double.init)
            let v = direction.storage[(index * d)..<((index + 1) * d)].map(Double.init)
            let gLength = g.reduce(0) { $0 + $1 * $1 }.squareRoot(), vLength = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard gLength > 0, gLength.isFinite, vLength > vanishedGradientTolerance * gLength else {
                stopped[row] = true
                continue
            }
            var w = (0..<d).map { Double(current.storage[row * d + $0]) + Double(settings.stepLength) * v[$0] / vLength }
            if settings.keepNorm, startNorms[row] > 0 {
                let scale = startNorms[row] / w.reduce(0) { $0 + $1 * $1 }.squareRoot()
                w = w.map { $0 * scale }
            }
            for j in 0..<d { current.storage[row * d + j] = Float(w[j]) }
        }
    }
    return (current, stopped.filter { $0 }.count)
}

/// For each statistic, its gradient with respect to the latents `[N, D]`, through the generator; latents
/// go through in chunks of `chunk`, each chunk's statistics in one batch.
func statisticGradients(_ latents: Tensor, statistics: [LinearImageStatistic], generator: any LatentGenerator,
                        chunk: Int) throws -> [Tensor] {
    let (n, d) = (latents.shape[0], latents.shape[1])
    var out = [Tensor](repeating: Tensor(shape: [n, d]), count: statistics.count)
    let perStatistic = max(1, chunk / max(statistics.count, 1))
    // The chunks are fixed by `chunk` alone and run side by side, each whole on one core.
    let chunks = rowSlices(count: n, rows: perStatistic)
    let chunkGradients = try inParallel(parts: chunks.count) { part -> Tensor in
        let rows = Array(chunks[part])
        // One forward pass, then every statistic's gradient, one statistic after another.
        return try generator.latentGradients(latents.gathering(rows: rows), copies: statistics.count) { images in
            let size = images.count / images.shape[0]
            var upstream = Tensor(shape: [statistics.count * rows.count] + images.shape.dropFirst())
            for (s, statistic) in statistics.enumerated() {
                for r in 0..<rows.count {
                    upstream.storage.replaceSubrange(((s * rows.count + r) * size)..<((s * rows.count + r + 1) * size),
                                                     with: statistic.weights)
                }
            }
            return upstream
        }
    }
    for (rows, gradients) in zip(chunks, chunkGradients) {
        for s in statistics.indices {
            for (r, row) in rows.enumerated() {
                out[s].storage.replaceSubrange((row * d)..<((row + 1) * d),
                                               with: gradients.storage[((s * rows.count + r) * d)..<((s * rows.count + r + 1) * d)])
            }
        }
    }
    return out
}
