import Discovery
import Foundation
import NumericCore
import Testing

@Suite struct TuckerRegressionTests {
    /// Central differences of the loss against the analytic gradient for every parameter of a small model.
    @Test func gradientsMatchFiniteDifferences() {
        var random = RandomSource(seed: 3)
        let model = TuckerRegression(dimensions: [3, 4, 2, 5], ranks: [2, 3, 2, 4], scale: 0.5, random: &random)
        let inputs = Tensor(shape: [3, 3, 4, 2], storage: random.normals(72))
        let targets = Tensor(shape: [3, 5], storage: random.normals(15))
        let (_, gradients) = regressionLoss(model, inputs: inputs, targets: targets, penaltyWeight: 0.05)
        for k in model.parameters.indices {
            for i in 0..<model.parameters[k].count {
                var plus = model, minus = model
                let h: Float = 1e-2
                plus.parameters[k].storage[i] += h
                minus.parameters[k].storage[i] -= h
                let numeric = (regressionLoss(plus, inputs: inputs, targets: targets, penaltyWeight: 0.05).loss
                               - regressionLoss(minus, inputs: inputs, targets: targets, penaltyWeight: 0.05).loss) / Double(2 * h)
                let analytic = Double(gradients[k].storage[i])
                #expect(abs(numeric - analytic) <= 2e-3 * max(1, abs(analytic)), "parameter \(k)[\(i)]: \(numeric) vs \(analytic)")
            }
        }
    }

    /// The forward pass against the explicit weight tensor built by loops.
    @Test func outputIsTheInnerProductWithTheTuckerWeight() {
        var random = RandomSource(seed: 4)
        let (d, q) = ([3, 2, 4, 3], [2, 2, 3, 2])
        let model = TuckerRegression(dimensions: d, ranks: q, scale: 1, random: &random)
        let x = Tensor(shape: [2, 3, 2, 4], storage: random.normals(48))
        let out = model(x)
        let (g, f) = (model.parameters[0].storage, model.parameters[1...].map(\.storage))
        for n in 0..<2 { for o in 0..<3 {
            var sum = 0.0
            for i in 0..<3 { for j in 0..<2 { for k in 0..<4 {
                var w = 0.0
                for a in 0..<2 { for b in 0..<2 { for c in 0..<3 { for e in 0..<2 {
                    w += Double(g[((a * 2 + b) * 3 + c) * 2 + e]) * Double(f[0][i * 2 + a]) * Double(f[1][j * 2 + b])
                        * Double(f[2][k * 3 + c]) * Double(f[3][o * 2 + e])
                } } } }
                sum += w * Double(x.storage[((n * 3 + i) * 2 + j) * 4 + k])
            } } }
            #expect(abs(Double(out.storage[n * 3 + o]) - sum) < 1e-4 * max(1, abs(sum)))
        } }
    }

    @Test func leastSquaresMapRecoversAnExactLinearMap() throws {
        var random = RandomSource(seed: 5)
        let w = random.normals(12), b: [Float] = [0.5, -1, 2]
        let x = Tensor(shape: [10, 4], storage: random.normals(40))
        var y = [Float](repeating: 0, count: 30)
        for n in 0..<10 { for o in 0..<3 { y[n * 3 + o] = b[o] + (0..<4).reduce(0) { $0 + x.storage[n * 4 + $1] * w[$1 * 3 + o] } } }
        let map = try LeastSquaresMap(from: x, to: Tensor(shape: [10, 3], storage: y), withIntercept: true)
        for (fitted, exact) in zip(map.weight, w) { #expect(abs(fitted - Double(exact)) < 1e-5) }
        for (fitted, exact) in zip(map.intercept, b) { #expect(abs(fitted - Double(exact)) < 1e-5) }
    }

    @Test func reachableShareOfAKnownSpan() throws {
        // Activations a = (z₁, z₂, 0): the span is the first two axes.
        var random = RandomSource(seed: 6)
        let z = Tensor(shape: [20, 2], storage: random.normals(40))
        var a = [Float](repeating: 0, count: 60)
        for n in 0..<20 { a[n * 3] = z.storage[n * 2] + 1; a[n * 3 + 1] = 2 * z.storage[n * 2 + 1] - z.storage[n * 2] }
        let span = try ReachableSpan(latents: z, activations: Tensor(shape: [20, 3], storage: a))
        #expect(span.rank == 2)
        #expect(abs(span.share(of: [1, 1, 1]) - 2.0 / 3) < 1e-9)
        #expect(abs(span.share(of: [0, 0, 5])) < 1e-9)
    }
}
