import Testing
import Foundation
import NumericCore

@Suite("Adam")
struct AdamTests {
    /// Values computed by hand from PyTorch's rule for lr 0.1, gradients 1, then -2, then 0.5 on p = 1.
    @Test func matchesPyTorchRuleStepByStep() {
        var adam = Adam(learningRate: 0.1)
        var parameters = [Tensor(shape: [1], storage: [1])]
        var m = 0.0, v = 0.0, p = 1.0
        for (t, g) in [1.0, -2.0, 0.5].enumerated() {
            adam.update(&parameters, gradients: [Tensor(shape: [1], storage: [Float(g)])])
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            let step = Double(t + 1)
            let c1 = 1 - pow(0.9, step), c2 = 1 - pow(0.999, step)
            p -= 0.1 / c1 * m / ((v.squareRoot() / c2.squareRoot()) + 1e-8)
            #expect(abs(Double(parameters[0].storage[0]) - p) < 1e-6)
        }
        #expect(adam.step == 3)
    }

    @Test func minimisesAQuadratic() {
        var adam = Adam(learningRate: 0.05)
        var parameters = [Tensor(shape: [3], storage: [3, -2, 5])]
        for _ in 0..<2000 {
            adam.update(&parameters, gradients: [Tensor(shape: [3], storage: parameters[0].storage.map { 2 * ($0 - 1) })])
        }
        for value in parameters[0].storage { #expect(abs(value - 1) < 1e-2) }
    }
}
