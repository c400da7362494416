import CommandTestSupport
import Foundation
import Kernels
import Testing

/// The element-wise kernels of the layers: the leaky ReLU, its gradient, and tanh.
@Suite("Activation kernels")
struct ActivationKernelTests {
    @Test func hyperbolicTangentIsAccurateEverywhere() {
        var worstAbsolute = 0.0, worstRelative = 0.0
        for step in -14_000...14_000 {
            let x = Float(step) / 1000
            let exact = tanh(Double(x)), got = Double(hyperbolicTangent(x))
            worstAbsolute = max(worstAbsolute, abs(got - exact))
            if exact != 0 { worstRelative = max(worstRelative, abs(got - exact) / abs(exact)) }
        }
        #expect(worstAbsolute < 2e-7)
        #expect(worstRelative < 1e-6)
        for tiny: Float in [1e-30, -1e-20, 1e-8, -3e-5] {
            #expect(abs(hyperbolicTangent(tiny) - tiny) <= abs(tiny) * 1e-6)
        }
        #expect(hyperbolicTangent(0) == 0)
        #expect(hyperbolicTangent(.infinity) == 1 && hyperbolicTangent(-.infinity) == -1)
        #expect(hyperbolicTangent(.nan).isNaN)
        #expect(hyperbolicTangent([-30, 0.5, 30]) == [-1, hyperbolicTangent(0.5), 1])
    }

    @Test("leakyRectify keeps positive values and scales the rest by the slope; slope 0 is a ReLU")
    func leakyRectifyFollowsItsDefinition() {
        // 1,000 values: more than one vector width, and a tail.
        let x = gaussianValues(1_003, seed: 71) + [0, -0.0, .infinity, -.infinity]
        for slope: Float in [0, 0.2, 1] {
            let y = leakyRectify(x, slope: slope)
            #expect(y.count == x.count)
            let wrong = x.indices.filter { y[$0].bitPattern != (x[$0] > 0 ? x[$0] : slope * x[$0]).bitPattern }
            #expect(wrong.isEmpty, "slope \(slope): \(wrong.count) elements differ, first at \(wrong.first ?? -1)")
        }
        #expect(leakyRectify([-2, 3], slope: 0) == [0, 3])
        #expect(leakyRectify([], slope: 0.2).isEmpty)
    }

    @Test("leakyRectifyGradient passes dy where x > 0 and slope·dy elsewhere, and is leakyRectify's derivative")
    func leakyRectifyGradientIsTheDerivative() {
        let x = gaussianValues(517, seed: 72), dy = gaussianValues(517, seed: 73)
        let slope: Float = 0.2
        let dx = leakyRectifyGradient(dy, input: x, slope: slope)
        #expect(x.indices.allSatisfy { dx[$0] == (x[$0] > 0 ? dy[$0] : slope * dy[$0]) })
        // Away from the kink, a central difference of Σ dy·f(x) along one coordinate agrees.
        let h: Float = 1e-2
        for i in x.indices where abs(x[i]) > 0.1 {
            var up = x, down = x
            up[i] += h
            down[i] -= h
            let difference = (leakyRectify([up[i]], slope: slope)[0] - leakyRectify([down[i]], slope: slope)[0]) / (2 * h)
            #expect(abs(difference * dy[i] - dx[i]) < 1e-4 * max(1, abs(dx[i])), "element \(i)")
        }
    }
}
