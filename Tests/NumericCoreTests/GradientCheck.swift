@_exported import CommandTestSupport
import NumericCore

/// Compares a layer's backward pass with central finite differences of L = Σ r ⊙ f(x), where r is a fixed
/// random tensor, at every input element and every parameter element (or a sample of them).
struct GradientCheck {
    var step: Float = 1e-2
    var tolerance: Float = 1e-2

    /// The largest relative error between analytic and numeric gradients, over inputs and parameters.
    func maxRelativeError(layer: any Layer, input: Tensor, samples: Int = 40, seed: UInt64 = 7) -> Float {
        var random = RandomSource(seed: seed)
        let output = layer.forward(input)
        let upstream = Tensor(shape: output.shape, storage: random.normals(output.count))
        let analytic = layer.backward(input: input, output: output, outputGradient: upstream)
        func loss(_ l: any Layer, _ x: Tensor) -> Double {
            let y = l.forward(x)
            var total = 0.0
            for i in 0..<y.count { total += Double(y.storage[i]) * Double(upstream.storage[i]) }
            return total
        }
        var worst: Float = 0
        func compare(_ a: Float, _ numeric: Double) {
            let error = abs(Double(a) - numeric) / max(1, abs(numeric))
            worst = max(worst, Float(error))
        }
        for i in sampleIndices(input.count, samples, &random) {
            var plus = input, minus = input
            plus.storage[i] += step
            minus.storage[i] -= step
            compare(analytic.input.storage[i], (loss(layer, plus) - loss(layer, minus)) / Double(2 * step))
        }
        for p in layer.parameters.indices {
            for i in sampleIndices(layer.parameters[p].count, samples, &random) {
                var plus = layer, minus = layer
                plus.parameters[p].storage[i] += step
                minus.parameters[p].storage[i] -= step
                compare(analytic.parameters[p].storage[i], (loss(plus, input) - loss(minus, input)) / Double(2 * step))
            }
        }
        return worst
    }

    private func sampleIndices(_ count: Int, _ samples: Int, _ random: inout RandomSource) -> [Int] {
        count <= samples ? Array(0..<count) : (0..<samples).map { _ in random.index(below: count) }
    }
}
