import CommandTestSupport
import Foundation
import Kernels
import Testing

/// The optimiser's inner loop.
@Suite("Adam kernel")
struct AdamKernelTests {
    @Test("adamStep updates both moments and every parameter by Adam's rule, step after step")
    func adamStepFollowsTheRule() {
        let count = 37
        var parameters = gaussianValues(count, seed: 61)
        var m = [Float](repeating: 0, count: count), v = [Float](repeating: 0, count: count)
        var (p64, m64, v64) = (parameters.map(Double.init), [Double](repeating: 0, count: count), [Double](repeating: 0, count: count))
        let (beta1, beta2, rate, epsilon) = (0.9, 0.999, 1e-2, 1e-8)
        for step in 1...5 {
            let gradients = gaussianValues(count, seed: 61 + UInt64(step))
            let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
            adamStep(parameters: &parameters, firstMoments: &m, secondMoments: &v, gradients: gradients,
                     beta1: Float(beta1), beta2: Float(beta2), stepSize: Float(rate / correction1),
                     correction2Root: Float(correction2.squareRoot()), epsilon: Float(epsilon))
            for i in 0..<count {
                let g = Double(gradients[i])
                m64[i] = beta1 * m64[i] + (1 - beta1) * g
                v64[i] = beta2 * v64[i] + (1 - beta2) * g * g
                p64[i] -= rate * (m64[i] / correction1) / ((v64[i] / correction2).squareRoot() + epsilon)
            }
            #expect(zip(m, m64).allSatisfy { abs(Double($0) - $1) < 1e-6 }, "step \(step): first moments")
            #expect(zip(v, v64).allSatisfy { abs(Double($0) - $1) < 1e-6 }, "step \(step): second moments")
            #expect(zip(parameters, p64).allSatisfy { abs(Double($0) - $1) < 1e-5 }, "step \(step): parameters")
        }
        // The first step moves every parameter by about the learning rate, against its gradient's sign.
        var first = [Float](repeating: 1, count: 3), m1 = [Float](repeating: 0, count: 3), v1 = m1
        adamStep(parameters: &first, firstMoments: &m1, secondMoments: &v1, gradients: [2, -0.5, 0], beta1: 0.9, beta2: 0.999,
                 stepSize: Float(0.01 / 0.1), correction2Root: Float(0.001.squareRoot()), epsilon: 1e-8)
        #expect(abs(first[0] - 0.99) < 1e-6 && abs(first[1] - 1.01) < 1e-6 && first[2] == 1)
    }
}
