import Testing
import CommandTestSupport
@testable import Editing
import LatentClassifier
import NumericCore

@Suite("Restoring corrections")
struct RestoringTests {
    let d = 12
    var protected: [ProtectedAttribute] {
        [ProtectedAttribute(name: "light", classifier: trainedClassifier(dimension: d, classes: 2, seed: 71, epochs: 10) {
            $0[1] + 0.3 * $0[3] > 0 ? 1 : 0 }),
         ProtectedAttribute(name: "side", classifier: trainedClassifier(dimension: d, classes: 3, seed: 72, epochs: 10) {
            $0[2] > 0.5 ? 2 : ($0[4] > 0 ? 1 : 0) })]
    }
    var target: EditTarget {
        get throws {
            try EditTarget(attribute: "color", classifier: trainedClassifier(dimension: d, classes: 3, seed: 70, epochs: 10) {
                $0[0] + $0[1] > 0.8 ? 2 : ($0[0] - $0[2] > 0 ? 1 : 0) }, classIndex: 2)
        }
    }

    @Test func theHeldOutputsGradientsMatchFiniteDifferences() {
        let latents = gaussianLatents(3, d, seed: 73)
        let outputs = RestoredOutputs(protected, at: latents)
        let step: Float = 1e-2
        var worst = 0.0
        for row in 0..<3 {
            for channel in 0..<d {
                var plus = latents, minus = latents
                plus.storage[row * d + channel] += step
                minus.storage[row * d + channel] -= step
                let up = RestoredOutputs(protected, at: plus, referenceClasses: outputs.referenceClasses)
                let down = RestoredOutputs(protected, at: minus, referenceClasses: outputs.referenceClasses)
                for a in protected.indices {
                    for o in outputs.gradients[a].indices {
                        let numeric = (up.values[a][row][o] - down.values[a][row][o]) / Double(2 * step)
                        let analytic = Double(outputs.gradients[a][o].storage[row * d + channel])
                        worst = max(worst, abs(numeric - analytic) / max(1, abs(numeric)))
                    }
                }
            }
        }
        #expect(outputs.gradients.map(\.count) == [1, 2])
        // LeakyReLU kinks inside the ±1e-2 steps leave a few percent; a wrong gradient is off by O(1).
        #expect(worst < 5e-2, "largest relative error \(worst)")
    }

    @Test func theDampedSolveSolvesTheNormalEquations() throws {
        let jacobian: [[Double]] = [[1, 2, 0, 1], [0, 1, 3, -1]]
        let residual: [Double] = [0.5, -2]
        let x = try #require(dampedSolve(jacobian, residual))
        // (J Jᵀ + λI) x = r with λ = 1e-6 · 11.
        let gram = [[6.0, 1.0], [1.0, 11.0]]
        for i in 0..<2 {
            let lhs = gram[i][0] * x[0] + gram[i][1] * x[1] + 1e-6 * 11 * x[i]
            #expect(abs(lhs - residual[i]) < 1e-12)
        }
        #expect(dampedSolve([[0, 0, 0]], [1]) == nil)
    }

    @Test func restoringBringsTheProtectedOutputsBackAlongThePath() throws {
        let latents = gaussianLatents(40, d, seed: 74)
        let settings = try EditSettings(steps: 9, stepLength: 0.5, keepNorm: true)
        let start = RestoredOutputs(protected, at: latents)
        func drift(_ method: EditMethod) throws -> Double {
            let result = try editLatents(latents, target: target, protected: protected, method: method, settings: settings)
            let end = RestoredOutputs(protected, at: result.finalLatents, referenceClasses: start.referenceClasses)
            var total = 0.0
            for a in protected.indices {
                for row in 0..<40 {
                    for o in start.values[a][row].indices { total += abs(end.values[a][row][o] - start.values[a][row][o]) }
                }
            }
            return total
        }
        let projected = try drift(.projected), restored = try drift(.restored(rounds: 2))
        #expect(restored < 0.2 * projected, "drift projected \(projected), restored \(restored)")
        // Norm kept, stopped rows unmoved.
        let result = try editLatents(latents, target: target, protected: protected, method: .restored(rounds: 2), settings: settings)
        for row in 0..<40 {
            let a = vector(latents, row: row), b = vector(result.finalLatents, row: row)
            #expect(abs(length(a) - length(b)) < 1e-4)
        }
    }

    @Test func restoredMethodsCodeAndValidate() throws {
        #expect(EditMethod.restored(rounds: 2).summary == "restored (2 rounds)")
        #expect(throws: EditError.self) { try EditMethod.restored(rounds: 0).validate(for: [], dimension: 4) }
        #expect(throws: EditError.self) { try EditMethod.restored(rounds: 11).validate(for: [], dimension: 4) }
    }
}
