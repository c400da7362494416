// Latents and other random test inputs, drawn from the package's own RandomSource so that every test target
// draws the same values for the same seed.
import NumericCore

/// A tensor of standard normal values (`RandomSource(seed:)`), with entries closer than `gap` to zero pushed away
/// (so that finite differences do not straddle the kink of a ReLU).
public func randomTensor(_ shape: [Int], seed: UInt64, awayFromZero gap: Float = 0) -> Tensor {
    var random = RandomSource(seed: seed)
    let values = random.normals(shape.reduce(1, *)).map { abs($0) < gap ? ($0 < 0 ? -gap : gap) + $0 : $0 }
    return Tensor(shape: shape, storage: values)
}

/// `count` latents from N(0, I) in `d` dimensions: `[count, d]`.
public func gaussianLatents(_ count: Int, _ d: Int, seed: UInt64) -> Tensor {
    randomTensor([count, d], seed: seed)
}

/// `count` standard normal values (`RandomSource(seed:)`): the storage of `randomTensor([count], seed:)`.
public func gaussianValues(_ count: Int, seed: UInt64) -> [Float] {
    randomTensor([count], seed: seed).storage
}
