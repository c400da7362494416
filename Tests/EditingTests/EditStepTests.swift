import Testing
import CommandTestSupport
import Editing
import LatentClassifier
import NumericCore

@Suite("One edit step: plain, masked, projected, and the stops")
struct EditStepTests {
    let d = 6

    @Test func plainStepMovesAlongTheNormalisedGradientOfALinearTarget() throws {
        let weights: [Float] = [3, -4, 0, 0, 0, 0]
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([weights]), classIndex: 1)
        let z = gaussianLatents(4, d, seed: 1)
        let settings = try EditSettings(stepLength: 0.5, keepNorm: false)
        let result = try editStep(z, target: target, protected: [], method: .plain, settings: settings)
        for row in 0..<4 {
            let moved = zip(vector(result.latents, row: row), vector(z, row: row)).map { $0 - $1 }
            for j in 0..<d { #expect(abs(moved[j] - 0.5 * weights[j] / 5) < 1e-5, "row \(row) channel \(j)") }
        }
        #expect(result.stops.allSatisfy { $0 == nil })
        let p = target.classifier.probabilities(z)
        #expect(result.targetProbabilities == (0..<4).map { p.storage[2 * $0 + 1] })
    }

    @Test func classZeroOfABinaryTargetMovesTheOtherWay() throws {
        let classifier = trainedClassifier(dimension: d, classes: 2, seed: 3) { $0[0] + $0[1] * $0[1] > 1 ? 1 : 0 }
        let z = gaussianLatents(5, d, seed: 2)
        let settings = try EditSettings(stepLength: 0.3, keepNorm: false)
        let up = try editStep(z, target: EditTarget(attribute: "t", classifier: classifier, classIndex: 1),
                              protected: [], method: .plain, settings: settings).latents
        let down = try editStep(z, target: EditTarget(attribute: "t", classifier: classifier, classIndex: 0),
                                protected: [], method: .plain, settings: settings).latents
        for i in z.storage.indices {
            #expect(abs((up.storage[i] - z.storage[i]) + (down.storage[i] - z.storage[i])) < 1e-5)
        }
    }

    @Test func maskingZeroesTheProtectedAttributesMostSensitiveChannels() throws {
        // The target wants channels 0, 1 and 2; "a" reads channel 0, "b" reads channel 2 (and a little of 3).
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, 1, 1, 0, 0, 0]]), classIndex: 1)
        let a = ProtectedAttribute(name: "a", classifier: linearClassifier([axis(0, d, scale: 2)]))
        let b = ProtectedAttribute(name: "b", classifier: linearClassifier([[0, 0, 3, 1, 0, 0]]))
        let z = gaussianLatents(3, d, seed: 4)
        let result = try editStep(z, target: target, protected: [a, b], method: .masked(budgets: ["a": 1, "b": 1]),
                                  settings: try EditSettings(stepLength: 1, keepNorm: false))
        for row in 0..<3 {
            let moved = zip(vector(result.latents, row: row), vector(z, row: row)).map { $0 - $1 }
            #expect(abs(moved[1] - 1) < 1e-5, "only channel 1 is left: \(moved)")
            #expect(moved.enumerated().allSatisfy { $0.offset == 1 || $0.element == 0 })
        }
        // Budget 0 for b leaves channel 2 in.
        let partial = try editStep(z, target: target, protected: [a, b], method: .masked(budgets: ["a": 1, "b": 0]),
                                   settings: try EditSettings(stepLength: 1, keepNorm: false))
        let moved = zip(vector(partial.latents, row: 0), vector(z, row: 0)).map { $0 - $1 }
        #expect(abs(moved[1] - moved[2]) < 1e-6 && moved[1] > 0.7 && moved[0] == 0)
    }

    @Test func masksFollowTheSensitivityAtTheCurrentLatentForAMulticlassProtectedAttribute() throws {
        // A softmax protected attribute: ½ Σ_c |∂p_c/∂z| is largest on channel 4 here, then channel 3.
        let protected = ProtectedAttribute(name: "m", classifier: linearClassifier([axis(4, d, scale: 3), axis(3, d), axis(5, d, scale: 0.1)]))
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, 1, 1, 1, 1, 1]]), classIndex: 1)
        let z = Tensor(shape: [1, d], storage: [Float](repeating: 0, count: d))
        let sensitivity = channelSensitivity(protectedDirections(protected.classifier, at: z), head: .softmax)
        #expect(topChannels(sensitivity.storage[0..<d], count: 2) == [4, 3])
        let result = try editStep(z, target: target, protected: [protected], method: .masked(budgets: ["m": 2]),
                                  settings: try EditSettings(stepLength: 1, keepNorm: false))
        let moved = vector(result.latents, row: 0)
        #expect(moved[4] == 0 && moved[3] == 0 && moved[0] > 0.4)
    }

    @Test(arguments: [2, 4])
    func theScaleFreeVectorsAreTheProbabilityGradientsDividedByAPositiveFactor(classes: Int) throws {
        let model = trainedClassifier(dimension: d, classes: classes, seed: UInt64(20 + classes), epochs: 5) {
            classes == 2 ? ($0[0] > 0 ? 1 : 0) : Int(($0[0] > 0 ? 1 : 0) + ($0[1] > 0 ? 2 : 0))
        }
        let z = gaussianLatents(5, d, seed: 21)
        let p = model.probabilities(z)
        let directions = protectedDirections(model, at: z)
        #expect(directions.count == (classes == 2 ? 1 : classes))
        for row in 0..<5 {
            let probabilities = (0..<classes).map { Double(p.storage[row * classes + $0]) }
            let m = probabilities.indices.max { probabilities[$0] < probabilities[$1] }!
            for (index, direction) in directions.enumerated() {
                let c = classes == 2 ? 1 : index
                let exact = vector(model.inputGradient(z, of: .probability(c)).gradient, row: row)
                let factor = Float(probabilities[m] * (1 - probabilities[m]))
                for j in 0..<d { #expect(abs(vector(direction, row: row)[j] * factor - exact[j]) < 1e-4 * length(exact) + 1e-7) }
            }
            for k in 0..<classes {
                let exact = vector(model.inputGradient(z, of: .probability(k)).gradient, row: row)
                let factor = Float(probabilities[k] * (1 - probabilities[k]))
                let scaled = vector(targetDirection(model, classIndex: k, at: z), row: row)
                for j in 0..<d { #expect(abs(scaled[j] * factor - exact[j]) < 1e-4 * length(exact) + 1e-7) }
            }
        }
    }

    @Test func aConfidentClassifierStillGivesADirection() throws {
        // p rounds to exactly 1 (sigmoid) or to one-hot (softmax), so ∂p/∂z is 0 in float32; the edit still moves.
        let sigmoidTarget = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d)], bias: [60]), classIndex: 1)
        let softmaxTarget = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d), axis(1, d), axis(2, d)], bias: [200, 0, 0]), classIndex: 0)
        let z = Tensor(shape: [2, d])  // at z = 0 the other two softmax classes weigh ½ each
        #expect(sigmoidTarget.classifier.inputGradient(z, of: .probability(1)).gradient.storage.allSatisfy { $0 == 0 })
        for (target, expected) in [(sigmoidTarget, axis(0, d)), (softmaxTarget, [1, -0.5, -0.5, 0, 0, 0] as [Float])] {
            let result = try editStep(z, target: target, protected: [], method: .plain, settings: try EditSettings(stepLength: 1, keepNorm: false))
            #expect(result.stops == [nil, nil])
            let moved = zip(vector(result.latents, row: 0), vector(z, row: 0)).map { $0 - $1 }
            for j in 0..<d { #expect(abs(moved[j] - expected[j] / length(expected)) < 1e-6, "\(moved)") }
        }
    }

    @Test func aFlatTargetStopsWithItsOwnReason() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[Float](repeating: 0, count: d)]), classIndex: 1)
        let result = try editStep(gaussianLatents(2, d, seed: 7), target: target, protected: [], method: .plain,
                                  settings: .standard)
        #expect(result.stops == [.targetGradientVanished, .targetGradientVanished])
    }

    @Test func projectionRemovesEveryProtectedDirectionExactly() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, 2, 3, 4, 5, 6]]), classIndex: 1)
        let a = ProtectedAttribute(name: "a", classifier: linearClassifier([[1, 1, 0, 0, 0, 0]]))
        let b = ProtectedAttribute(name: "b", classifier: linearClassifier([[0, 1, 1, 0, 0, 1], [1, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0]]))
        let z = gaussianLatents(4, d, seed: 5)
        let result = try editStep(z, target: target, protected: [a, b], method: .projected,
                                  settings: try EditSettings(stepLength: 0.7, keepNorm: false))
        for row in 0..<4 {
            let zRow = Tensor(shape: [1, d], storage: vector(z, row: row))
            let moved = zip(vector(result.latents, row: row), vector(z, row: row)).map { $0 - $1 }
            #expect(abs(length(moved) - 0.7) < 1e-5)
            for attribute in [a, b] {
                for c in 0..<attribute.classifier.architecture.classCount {
                    let g = attribute.classifier.inputGradient(zRow, of: .probability(c)).gradient.storage
                    #expect(abs(dot(moved, g)) < 1e-5 * length(g) + 1e-7, "\(attribute.name) direction left in \(moved)")
                }
            }
            #expect(dot(moved, [1, 2, 3, 4, 5, 6]) > 0, "the step still ascends the target")
        }
    }

    @Test func aGradientThatMaskingRemovesStopsTheLatentWithoutDividingByZero() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, -1, 0, 0, 0, 0]]), classIndex: 1)
        let a = ProtectedAttribute(name: "a", classifier: linearClassifier([[2, 0, 0, 0, 0, 0]]))
        let b = ProtectedAttribute(name: "b", classifier: linearClassifier([[0, 2, 0, 0, 0, 0]]))
        let z = gaussianLatents(3, d, seed: 6)
        for method in [EditMethod.masked(budgets: ["a": 1, "b": 1]), .projected] {
            let result = try editStep(z, target: target, protected: [a, b], method: method,
                                      settings: try EditSettings(stepLength: 1, keepNorm: false))
            #expect(result.stops == [EditStopReason?](repeating: .methodRemovedGradient, count: 3), "\(method)")
            #expect(result.latents == z)
        }
    }

    @Test func keepNormReturnsEachRowToItsLength() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, 2, 0, 0, 0, 1]]), classIndex: 1)
        let z = gaussianLatents(5, d, seed: 8)
        let kept = try editStep(z, target: target, protected: [], method: .plain,
                                settings: try EditSettings(stepLength: 2, keepNorm: true)).latents
        let free = try editStep(z, target: target, protected: [], method: .plain,
                                settings: try EditSettings(stepLength: 2, keepNorm: false)).latents
        for row in 0..<5 {
            #expect(abs(length(vector(kept, row: row)) - length(vector(z, row: row))) < 1e-4)
            #expect(abs(length(vector(free, row: row)) - length(vector(z, row: row))) > 1e-2)
        }
    }

    @Test func requestsThatDoNotFitAreRefusedWithAClearMessage() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d)]), classIndex: 1)
        let a = ProtectedAttribute(name: "a", classifier: linearClassifier([axis(1, d)]))
        let z = gaussianLatents(2, d, seed: 9)
        func problem(_ body: () throws -> Void) -> String {
            do { try body() } catch let error as EditError { return error.problem } catch { return "\(error)" }
            return "accepted"
        }
        #expect(problem { _ = try editStep(gaussianLatents(2, 5, seed: 1), target: target, protected: [], method: .plain, settings: .standard) }
                == "latents must have shape [N, 6] for the classifier of 't', got [2, 5]")
        #expect(problem { _ = try editStep(z, target: target, protected: [a], method: .masked(budgets: [:]), settings: .standard) }
                == "protected attribute 'a' has no channel budget")
        #expect(problem { _ = try editStep(z, target: target, protected: [a], method: .masked(budgets: ["a": 1, "x": 2]), settings: .standard) }
                .hasPrefix("a channel budget is given for 'x', which is not a protected attribute"))
        #expect(problem { _ = try editStep(z, target: target, protected: [a], method: .masked(budgets: ["a": 7]), settings: .standard) }
                == "channel budget 7 for 'a' is outside 0...6")
        #expect(problem { _ = try editStep(z, target: target, protected: [a, a], method: .plain, settings: .standard) }
                == "protected attribute 'a' is listed twice")
        #expect(problem { _ = try editStep(z, target: target, protected: [ProtectedAttribute(name: "t", classifier: a.classifier)], method: .plain, settings: .standard) }
                == "'t' is the target and cannot also be protected")
        #expect(problem { _ = try EditTarget(attribute: "t", classifier: a.classifier, classIndex: 2) }
                == "attribute 't' has no class 2 (it has 2)")
        #expect(problem { _ = try EditSettings(stepLength: 0) } == "the step length must be positive and finite, got 0.0")
        #expect(problem { _ = try EditSettings(stopProbability: 1.5) } == "the stop probability must be in (0, 1], got 1.5")
    }
}
