import Diagnostics
import NumericCore

/// The sample indices in `ranges`, in the order given; throws for indices outside `0..<count` and repeats.
public func selectIndices(_ ranges: [ClosedRange<Int>], count: Int) throws -> [Int] {
    var indices = [Int](), seen = Set<Int>()
    for range in ranges {
        guard range.lowerBound >= 0 && range.upperBound < count else {
            throw ArgumentError(.indices, "\(range.lowerBound)-\(range.upperBound) lies outside the dataset's indices 0-\(count - 1)")
        }
        for index in range {
            guard seen.insert(index).inserted else { throw ArgumentError(.indices, "index \(index) is listed twice") }
            indices.append(index)
        }
    }
    return indices
}

/// `size` distinct indices of `0..<count` chosen at random with `seed`, ascending.
public func randomIndices(_ size: Int, of count: Int, seed: UInt64) throws -> [Int] {
    guard size >= 1 && size <= count else {
        throw ArgumentError(.count, "must lie in 1...\(count) (the dataset size), is \(size)")
    }
    var random = RandomSource(seed: seed)
    return random.permutation(count).prefix(size).sorted()
}
