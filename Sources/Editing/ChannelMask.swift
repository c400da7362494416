import NumericCore

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
