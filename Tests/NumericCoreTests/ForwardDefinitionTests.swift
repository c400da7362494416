import Foundation
import Kernels
import NumericCore
import Testing

@Suite("Forward passes match their definitions")
struct ForwardDefinitionTests {
    /// y[b, o, oy, ox] = Σ x[b, i, y, x]·w[i, o, ki, kj] over oy = y·s - p + ki, ox = x·s - p + kj, plus the bias.
    func definition(_ x: Tensor, _ w: Tensor, bias: [Float], stride s: Int, padding p: Int) -> [Float] {
        let (batch, inputs, h, wid) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (outputs, k) = (w.shape[1], w.shape[2])
        let oh = (h - 1) * s - 2 * p + k, ow = (wid - 1) * s - 2 * p + k
        var y = [Float](repeating: 0, count: batch * outputs * oh * ow)
        for b in 0..<batch {
            for o in 0..<outputs {
                for i in 0..<oh * ow { y[(b * outputs + o) * oh * ow + i] = bias[o] }
                for c in 0..<inputs {
                    for iy in 0..<h {
                        for ix in 0..<wid {
                            for ki in 0..<k {
                                for kj in 0..<k {
                                    let oy = iy * s - p + ki, ox = ix * s - p + kj
                                    guard (0..<oh).contains(oy), (0..<ow).contains(ox) else { continue }
                                    y[((b * outputs + o) * oh + oy) * ow + ox] +=
                                        x.storage[((b * inputs + c) * h + iy) * wid + ix]
                                        * w.storage[((c * outputs + o) * k + ki) * k + kj]
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    @Test(arguments: [(4, 1, 0, 1, 1), (4, 2, 1, 4, 4), (4, 2, 1, 3, 5), (3, 2, 1, 4, 2), (5, 3, 2, 3, 4),
                      (2, 2, 0, 5, 3), (4, 1, 1, 6, 6), (1, 1, 0, 3, 2)])
    func convTranspose(kernel: Int, stride: Int, padding: Int, height: Int, width: Int) {
        let weight = randomTensor([3, 4, kernel, kernel], seed: 20), bias = randomTensor([4], seed: 21)
        let input = randomTensor([2, 3, height, width], seed: 22)
        let layer = ConvTranspose2d(weight: weight, bias: bias, stride: stride, padding: padding)
        let expected = definition(input, weight, bias: bias.storage, stride: stride, padding: padding)
        let got = layer.forward(input)
        #expect(got.count == expected.count)
        #expect(zip(got.storage, expected).allSatisfy { abs($0 - $1) < 1e-5 * max(1, abs($1)) })
    }

    /// y[b, o, oy, ox] = b[o] + Σ x[b, c, oy·s - p + ki, ox·s - p + kj]·w[o, c, ki, kj] over taps inside the image.
    @Test(arguments: [(4, 2, 1, 8, 6), (3, 1, 1, 5, 5), (2, 2, 0, 6, 4), (1, 1, 0, 3, 2), (3, 2, 0, 7, 5)])
    func convolution(kernel k: Int, stride s: Int, padding p: Int, height h: Int, width wid: Int) {
        let (batch, inputs, outputs) = (2, 3, 4)
        let weight = randomTensor([outputs, inputs, k, k], seed: 25), bias = randomTensor([outputs], seed: 26)
        let x = randomTensor([batch, inputs, h, wid], seed: 27)
        let got = Conv2d(weight: weight, bias: bias, stride: s, padding: p).forward(x)
        let oh = (h + 2 * p - k) / s + 1, ow = (wid + 2 * p - k) / s + 1
        #expect(got.shape == [batch, outputs, oh, ow])
        for b in 0..<batch {
            for o in 0..<outputs {
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var total = bias.storage[o]
                        for c in 0..<inputs {
                            for ki in 0..<k {
                                for kj in 0..<k {
                                    let iy = oy * s - p + ki, ix = ox * s - p + kj
                                    guard (0..<h).contains(iy), (0..<wid).contains(ix) else { continue }
                                    total += x.storage[((b * inputs + c) * h + iy) * wid + ix]
                                        * weight.storage[((o * inputs + c) * k + ki) * k + kj]
                                }
                            }
                        }
                        let value = got.storage[((b * outputs + o) * oh + oy) * ow + ox]
                        #expect(abs(value - total) < 1e-5 * max(1, abs(total)))
                    }
                }
            }
        }
    }

    @Test func convTransposeEpilogues() {
        let weight = randomTensor([3, 2, 4, 4], seed: 23), input = randomTensor([5, 3, 4, 4], seed: 24)
        let layer = ConvTranspose2d(weight: weight, stride: 2, padding: 1)
        let plain = layer.forward(input, epilogue: .none).storage
        let (scale, shift): ([Float], [Float]) = ([0.5, -2], [0.25, 1])
        let affine = layer.forward(input, epilogue: .affine(scale: scale, shift: shift, relu: true)).storage
        let squashed = layer.forward(input, epilogue: .tanh).storage
        let plane = 8 * 8
        for i in plain.indices {
            let c = (i / plane) % 2
            #expect(abs(affine[i] - max(plain[i] * scale[c] + shift[c], 0)) < 1e-5)
            #expect(abs(squashed[i] - Float(tanh(Double(plain[i])))) < 1e-6)
        }
    }
}
