import NumericCore

/// The indices of the `count` largest values of `row`, largest first (the lower index first on a tie).
public func topChannels(_ row: ArraySlice<Float>, count: Int) -> [Int] {
    let base = row.startIndex
    let order = row.indices.sorted { a, b in row[a] != row[b] ? row[a] > row[b] : a < b }
    return order.prefix(count).map { $0 - base }
}

/// Zeroes, in each row of `gradient` `[N, D]`, the `count` channels where `sensitivity` `[N, D]` is largest
/// in that row.
func zeroMostSensitiveChannels(of gradient: inout Tensor, sensitivity: Tensor, count: Int) {
    guard count > 0 else { return }
    let d = gradient.shape[1]
    for row in 0..<gradient.shape[0] {
        for channel in topChannels(sensitivity.storage[(row * d)..<((row + 1) * d)], count: count) {
            gradient.storage[row * d + channel] = 0
        }
    }
}
