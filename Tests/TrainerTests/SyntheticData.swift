import NumericCore

/// A labelled synthetic problem: latents `[N, D]`, a label per row, and a 2:1 split into training and
/// validation rows.
struct SyntheticProblem {
    var latents: Tensor
    var labels: [Int]
    var trainIndices: [Int]
    var validationIndices: [Int]

    /// `count` standard normal latents in `dimension` dimensions, labelled by the nearest of `classes`
    /// well-separated centres (placed along the first coordinates), each label flipped to a random class with
    /// probability `noise`; the latent scale is `scale` times the unit one and shifted by `offset`.
    static func clusters(count: Int, dimension: Int, classes: Int, noise: Double = 0, scale: Float = 1,
                         offset: Float = 0, seed: UInt64) -> SyntheticProblem {
        var random = RandomSource(seed: seed)
        var storage = [Float]()
        var labels = [Int]()
        for _ in 0..<count {
            let label = random.index(below: classes)
            var z = random.normals(dimension)
            z[label % dimension] += label < dimension ? 4 : -4
            storage += z.map { $0 * scale + offset }
            labels.append(random.uniformDouble() < noise ? random.index(below: classes) : label)
        }
        let order = random.permutation(count)
        let cut = count * 2 / 3
        return SyntheticProblem(latents: Tensor(shape: [count, dimension], storage: storage), labels: labels,
                                trainIndices: Array(order[..<cut]), validationIndices: Array(order[cut...]))
    }
}
