import CommandTestSupport
import Kernels
import Testing

/// The per-channel kernels of batch normalisation and the axis swap of the transposed convolution, against
/// loops written from their definitions.
@Suite("Channel kernels")
struct ChannelKernelTests {
    /// `[batch, channels, inner]` sizes: one element, one plane, odd sizes, and a batch large enough to be split.
    static let shapes = [(1, 1, 1), (2, 3, 5), (3, 7, 64), (33, 4, 17)]

    @Test("channelAffine maps every element of channel c to x·scale[c] + shift[c]", arguments: shapes)
    func channelAffineFollowsItsDefinition(batch: Int, channels: Int, inner: Int) {
        let x = gaussianValues(batch * channels * inner, seed: 81)
        let scale = gaussianValues(channels, seed: 82), shift = gaussianValues(channels, seed: 83)
        var y = x
        channelAffine(&y, batch: batch, channels: channels, inner: inner, scale: scale, shift: shift)
        let wrong = x.indices.filter { i in
            let c = (i / inner) % channels
            return y[i] != x[i] * scale[c] + shift[c]
        }
        #expect(wrong.isEmpty, "\(wrong.count) elements differ")
    }

    @Test("channelSums and channelDotProducts total each channel over the batch and the inner positions", arguments: shapes)
    func channelTotalsFollowTheirDefinition(batch: Int, channels: Int, inner: Int) {
        let x = gaussianValues(batch * channels * inner, seed: 84), y = gaussianValues(batch * channels * inner, seed: 85)
        let sums = channelSums(x, batch: batch, channels: channels, inner: inner)
        let dots = channelDotProducts(x, y, batch: batch, channels: channels, inner: inner)
        #expect(sums.count == channels && dots.count == channels)
        for c in 0..<channels {
            var sum = 0.0, dot = 0.0
            for b in 0..<batch {
                for i in 0..<inner {
                    let index = (b * channels + c) * inner + i
                    sum += Double(x[index])
                    dot += Double(x[index]) * Double(y[index])
                }
            }
            let size = Double(batch * inner)
            #expect(abs(Double(sums[c]) - sum) < 1e-5 * size, "channel \(c): \(sums[c]) against \(sum)")
            #expect(abs(Double(dots[c]) - dot) < 1e-5 * size, "channel \(c): \(dots[c]) against \(dot)")
        }
    }

    @Test("swapLeadingAxes turns [a, b, inner] into [b, a, inner], and twice is the identity")
    func swapLeadingAxesTransposes() {
        for (a, b, inner) in [(1, 1, 1), (2, 3, 4), (5, 1, 7), (4, 6, 1)] {
            let x = (0..<(a * b * inner)).map(Float.init)
            let y = swapLeadingAxes(x, a: a, b: b, inner: inner)
            var wrong = 0
            for i in 0..<a {
                for j in 0..<b {
                    for e in 0..<inner where y[(j * a + i) * inner + e] != x[(i * b + j) * inner + e] { wrong += 1 }
                }
            }
            #expect(wrong == 0, "[\(a), \(b), \(inner)]")
            #expect(swapLeadingAxes(y, a: b, b: a, inner: inner) == x)
        }
    }
}
