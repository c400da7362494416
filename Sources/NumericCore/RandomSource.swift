/// A seeded pseudo-random generator (xoshiro256**) through which every random choice of a run goes,
/// so that the same seed gives the same run on every machine.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A double uniform in [0, 1), with 53 random bits.
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A float uniform in [low, high).
    public mutating func uniform(_ low: Float = 0, _ high: Float = 1) -> Float {
        let value = low + (high - low) * Float(uniformDouble())
        return value < high ? value : low
    }

    /// A standard normal sample (Box–Muller in double precision).
    public mutating func normal() -> Float {
        var u1 = uniformDouble()
        while u1 <= 0 { u1 = uniformDouble() }
        let u2 = uniformDouble()
        return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
    }

    /// `count` standard normal samples.
    public mutating func normals(_ count: Int) -> [Float] {
        (0..<count).map { _ in normal() }
    }

    /// An integer uniform in `0..<bound`, without modulo bias.
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound")
        return Int(next(upperBound: UInt64(bound)))
    }

    /// A uniformly random permutation of `0..<count` (Fisher–Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var result = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = index(below: i + 1)
            result.swapAt(i, j)
            i -= 1
        }
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
