import CommandTestSupport
import Foundation
import Kernels
import Testing

/// The transposed convolution of the generator (one ordered product and a col2im per chunk of the batch) and
/// its adjoint gather, against loops written from their definitions.
@Suite("Transposed convolution kernels")
struct ConvTransposeKernelTests {
    /// Kernel, stride, padding, input height and width, batch: the DCGAN's layers (4, 2, 1), no padding, odd
    /// sizes, a stride larger than the padding allows to cover, and a batch cut into two chunks (32×32 inputs).
    static let cases = [(4, 2, 1, 4, 4, 2), (4, 1, 0, 1, 1, 2), (3, 2, 1, 3, 5, 2), (5, 3, 2, 3, 4, 2), (1, 1, 0, 3, 2, 2),
                        (4, 2, 1, 32, 32, 10)]
    static let (inChannels, channels) = (3, 4)

    static func geometry(_ c: (Int, Int, Int, Int, Int, Int)) -> ConvTransposeGeometry {
        ConvTransposeGeometry(batch: c.5, channels: channels, kernel: c.0, stride: c.1, padding: c.2, inputHeight: c.3, inputWidth: c.4)
    }

    /// y[b, o, oy, ox] = Σ x[b, i, y, x]·w[i, o, ki, kj] over oy = y·s - p + ki, ox = x·s - p + kj, in Double.
    static func definition(_ x: [Float], _ w: [Float], _ g: ConvTransposeGeometry) -> [Double] {
        let (h, wid, k, s, p, oh, ow) = (g.inputHeight, g.inputWidth, g.kernel, g.stride, g.padding, g.outputHeight, g.outputWidth)
        var y = [Double](repeating: 0, count: g.outputCount)
        for b in 0..<g.batch {
            for i in 0..<inChannels {
                for iy in 0..<h {
                    for ix in 0..<wid {
                        let value = Double(x[((b * inChannels + i) * h + iy) * wid + ix])
                        for o in 0..<g.channels {
                            for ki in 0..<k {
                                for kj in 0..<k {
                                    let oy = iy * s - p + ki, ox = ix * s - p + kj
                                    guard (0..<oh).contains(oy), (0..<ow).contains(ox) else { continue }
                                    y[((b * g.channels + o) * oh + oy) * ow + ox] += value * Double(w[((i * g.channels + o) * k + ki) * k + kj])
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    @Test("convTransposeForward equals the definition, then each epilogue applied to it", arguments: cases)
    func forwardFollowsTheDefinition(kernel: Int, stride: Int, padding: Int, height: Int, width: Int, batch: Int) {
        let g = Self.geometry((kernel, stride, padding, height, width, batch))
        let x = gaussianValues(batch * Self.inChannels * height * width, seed: 91)
        let w = gaussianValues(Self.inChannels * g.columnRows, seed: 92)
        let expected = Self.definition(x, w, g)
        let plain = convTransposeForward(input: x, weight: w, inChannels: Self.inChannels, geometry: g)
        #expect(plain.count == g.outputCount && g.outputHeight == (height - 1) * stride - 2 * padding + kernel)
        let worst = zip(plain, expected).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst < 1e-5, "largest relative error \(worst)")

        let (scale, shift): ([Float], [Float]) = ([0.5, -2, 1, 3], [0.25, 1, -0.5, 0])
        let affine = convTransposeForward(input: x, weight: w, inChannels: Self.inChannels, geometry: g,
                                          epilogue: .affine(scale: scale, shift: shift, relu: true))
        let squashed = convTransposeForward(input: x, weight: w, inChannels: Self.inChannels, geometry: g, epilogue: .tanh)
        let plane = g.outputHeight * g.outputWidth
        var wrong = 0
        for i in plain.indices {
            let c = (i / plane) % g.channels
            if abs(affine[i] - max(plain[i] * scale[c] + shift[c], 0)) > 1e-5 * max(1, abs(affine[i])) { wrong += 1 }
            if abs(squashed[i] - hyperbolicTangent(plain[i])) > 1e-6 { wrong += 1 }
        }
        #expect(wrong == 0, "\(wrong) epilogue values differ")
    }

    @Test("im2col gathers output pixels into columns, zero where the pixel lies outside", arguments: cases)
    func im2colFollowsTheDefinition(kernel k: Int, stride s: Int, padding p: Int, height h: Int, width w: Int, batch: Int) {
        let g = Self.geometry((k, s, p, h, w, batch))
        let output = gaussianValues(g.outputCount, seed: 93)
        var columns = [Float]()
        im2col(output, geometry: g, columns: &columns)
        #expect(columns.count == g.columnRows * g.columnCount)
        var wrong = 0
        for co in 0..<g.channels {
            for ki in 0..<k {
                for kj in 0..<k {
                    for b in 0..<batch {
                        for y in 0..<h {
                            for x in 0..<w {
                                let oy = y * s - p + ki, ox = x * s - p + kj
                                let inside = (0..<g.outputHeight).contains(oy) && (0..<g.outputWidth).contains(ox)
                                let expected = inside ? output[((b * g.channels + co) * g.outputHeight + oy) * g.outputWidth + ox] : 0
                                if columns[((co * k + ki) * k + kj) * g.columnCount + (b * h + y) * w + x] != expected { wrong += 1 }
                            }
                        }
                    }
                }
            }
        }
        #expect(wrong == 0, "\(wrong) column entries differ")
    }
}
