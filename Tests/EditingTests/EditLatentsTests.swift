import Testing
import CommandTestSupport
import Foundation
import Editing
import LatentClassifier
import NumericCore

@Suite("Edit paths: curved, batched, with early stops and measurements")
struct EditLatentsTests {
    let d = 8

    /// A nonlinear target (a ring) and a protected attribute that shares channel 0 with it.
    func setting() throws -> (target: EditTarget, protected: [ProtectedAttribute]) {
        let ring = trainedClassifier(dimension: d, classes: 2, seed: 11) { $0[0] * $0[0] + $0[1] * $0[1] > 1.4 ? 1 : 0 }
        let side = trainedClassifier(dimension: d, classes: 3, seed: 12) { $0[0] + 0.5 * $0[2] > 0.6 ? 2 : ($0[0] + 0.5 * $0[2] < -0.6 ? 0 : 1) }
        #expect(accuracy(ring, gaussianLatents(400, d, seed: 13)) { $0[0] * $0[0] + $0[1] * $0[1] > 1.4 ? 1 : 0 } > 0.85)
        return (try EditTarget(attribute: "ring", classifier: ring, classIndex: 1), [ProtectedAttribute(name: "side", classifier: side)])
    }

    @Test func theBatchedPathEqualsEditingEachLatentAlone() throws {
        let (target, protected) = try setting()
        let z = gaussianLatents(6, d, seed: 14)
        for method in [EditMethod.plain, .masked(budgets: ["side": 2]), .projected] {
            let settings = try EditSettings(steps: 5, stepLength: 0.4, keepNorm: method == .projected)
            let batch = try editLatents(z, target: target, protected: protected, method: method, settings: settings)
            #expect(batch.path.shape == [6, 6, d])
            for row in 0..<6 {
                let alone = try editLatents(Tensor(shape: [1, d], storage: vector(z, row: row)), target: target,
                                            protected: protected, method: method, settings: settings)
                // Equal up to GEMM rounding: OpenBLAS may round a 1-row and a 6-row product differently in the last bits.
                let rows = Array(batch.path.storage[(row * 6 * d)..<((row + 1) * 6 * d)])
                let largest = zip(alone.path.storage, rows).map { abs($0 - $1) }.max() ?? .infinity
                #expect(alone.path.storage.count == rows.count && largest <= 1e-5, "row \(row) differs by \(largest)")
            }
            #expect(try editLatents(z, target: target, protected: protected, method: method, settings: settings).path == batch.path,
                    "deterministic")
        }
    }

    @Test func thePathCurvesBecauseTheGradientIsRecomputedEveryStep() throws {
        let (target, _) = try setting()
        let z = gaussianLatents(20, d, seed: 15)
        let result = try editLatents(z, target: target, protected: [], method: .plain,
                                     settings: try EditSettings(steps: 9, stepLength: 0.4, keepNorm: false))
        var turned = 0
        for row in 0..<20 {
            let first = zip(vector(result.path, row: row, point: 1), vector(result.path, row: row, point: 0)).map { $0 - $1 }
            let last = zip(vector(result.path, row: row, point: 9), vector(result.path, row: row, point: 8)).map { $0 - $1 }
            if result.stops[row] == nil, dot(first, last) / (length(first) * length(last)) < 0.999 { turned += 1 }
            #expect(result.stops[row] == nil || result.stops[row]!.reason == .targetGradientVanished)
        }
        #expect(turned >= 10, "only \(turned) of 20 paths turned")
        let measurement = EditMeasurement(result)
        #expect(measurement.successRate > 0.9)
        #expect(measurement.meanFinalTargetProbability > 0.8)
    }

    @Test func aLatentStopsWhenItsTargetProbabilityReachesTheThresholdAndRepeatsItsLastPoint() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d)]), classIndex: 1)
        // Starting at z0 = -1, 0 and 1.5: p = σ(z0) passes 0.8 (z0 ≥ 1.386) after 5, 3 and 0 steps of 0.5.
        var z = Tensor(shape: [3, d])
        z.storage[0] = -1; z.storage[d] = 0; z.storage[2 * d] = 1.5
        let result = try editLatents(z, target: target, protected: [], method: .plain,
                                     settings: try EditSettings(steps: 9, stepLength: 0.5, stopProbability: 0.8, keepNorm: false))
        #expect(result.stops.map { $0?.stepsTaken } == [5, 3, 0])
        #expect(result.stops.allSatisfy { $0?.reason == .reachedStopProbability })
        for (row, taken) in [5, 3, 0].enumerated() {
            for point in taken...9 { #expect(vector(result.path, row: row, point: point) == vector(result.path, row: row, point: taken)) }
        }
        #expect(abs(result.finalLatents.storage[0] - 1.5) < 1e-5)
        #expect(EditMeasurement(result).meanStepsTaken == 8.0 / 3)
    }

    @Test func aMaskThatRemovesTheGradientStopsTheLatentAtItsStart() throws {
        // The target reads only channel 0, the protected attribute's most sensitive channel.
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([[1, 0, 0, 0, 0, 0, 0, 0]]), classIndex: 1)
        let protected = ProtectedAttribute(name: "a", classifier: linearClassifier([[1, 0.5, 0, 0, 0, 0, 0, 0]]))
        let z = gaussianLatents(4, d, seed: 16)
        let result = try editLatents(z, target: target, protected: [protected], method: .masked(budgets: ["a": 1]),
                                     settings: .standard)
        #expect(result.stops.allSatisfy { $0?.reason == .methodRemovedGradient && $0?.stepsTaken == 0 })
        #expect(result.path.isFinite)
        let measurement = EditMeasurement(result)
        #expect(measurement.removedGradientRate == 1 && measurement.meanStepsTaken == 0)
        #expect(measurement.protected[0].meanPathDrift == 0)
    }

    @Test func measurementsCountSuccessDriftAndLabelChangesAsDocumented() throws {
        // Target: channel 0; protected: channel 0 too (so it drifts), class 1 when z0 > 0.
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d, scale: 2)]), classIndex: 1)
        let protected = ProtectedAttribute(name: "a", classifier: linearClassifier([axis(0, d)]))
        var z = Tensor(shape: [2, d])
        z.storage[0] = -2; z.storage[d] = -0.25
        let result = try editLatents(z, target: target, protected: [protected], method: .plain,
                                     settings: try EditSettings(steps: 2, stepLength: 0.5, keepNorm: false))
        // Row 0 ends at z0 = -1 (target p = σ(-2) < 0.5), row 1 at 0.75 (success).
        let measurement = EditMeasurement(result)
        #expect(measurement.successRate == 0.5)
        func s(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        let drift0 = s(2) - s(1), drift1 = s(0.25) - s(-0.75)  // p(class 0) falls for both rows
        #expect(abs(measurement.protected[0].meanFinalDrift - (drift0 + drift1) / 2) < 1e-5)
        #expect(abs(measurement.protected[0].meanPathDrift - (drift0 + drift1) / 2) < 1e-5)
        #expect(measurement.protected[0].labelChangeRate == 0.5)
        #expect(abs(measurement.meanFinalTargetProbability - (s(-2) + s(1.5)) / 2) < 1e-5)
        let pooled = EditMeasurement(pooling: [measurement, measurement, EditMeasurement(
            try editLatents(z.rows(1..<2), target: target, protected: [protected], method: .plain,
                            settings: try EditSettings(steps: 2, stepLength: 0.5, keepNorm: false)))])
        #expect(pooled.latentCount == 5 && abs(pooled.successRate - 3.0 / 5) < 1e-12)
    }

    @Test func longerStepsReachTheTargetMoreOften() throws {
        let (target, protected) = try setting()
        let z = gaussianLatents(200, d, seed: 17)
        let reverse = try EditTarget(attribute: "ring", classifier: target.classifier, classIndex: 0)
        let rows = try compareSettings(z, targets: [target, reverse], protected: protected, method: .plain,
                                       candidates: stepLengthCandidates([0.02, 0.1, 0.5], base: .standard))
        #expect(rows.map(\.latentCount) == [200, 200, 200], "each latent is outside exactly one of the two classes")
        #expect(rows[0].successRate < rows[1].successRate && rows[1].successRate < rows[2].successRate,
                "\(rows.map(\.successRate))")
        #expect(rows[0].meanPathDrift < rows[2].meanPathDrift)
    }
}

@Suite("Edge cases of edit batches")
struct EditBatchEdgeTests {
    @Test func anEmptyBatchGivesAnEmptyResultAndMeasurement() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, 4)]), classIndex: 1)
        let protected = [ProtectedAttribute(name: "a", classifier: linearClassifier([axis(1, 4), axis(2, 4), axis(3, 4)]))]
        for method in [EditMethod.plain, .masked(budgets: ["a": 1]), .projected] {
            let result = try editLatents(Tensor(shape: [0, 4]), target: target, protected: protected, method: method, settings: .standard)
            #expect(result.path.shape == [0, 10, 4] && result.stops.isEmpty)
            let measurement = EditMeasurement(result)
            #expect(measurement.latentCount == 0 && measurement.successRate == 0 && measurement.protected.count == 1)
            #expect(try editStep(Tensor(shape: [0, 4]), target: target, protected: protected, method: method, settings: .standard).latents.shape == [0, 4])
        }
        // Every latent is in class 1: nothing to edit toward it; toward class 0, 6.75 along -z0 crosses 0 from
        // z0 = 5 and 6 but not from 7.
        let inside = Tensor(shape: [3, 4], storage: [5, 0, 0, 0, 6, 0, 0, 0, 7, 0, 0, 0])
        let pooled = try measureEdits(inside, targets: EditTarget.allDirections(attribute: "t", classifier: target.classifier),
                                      protected: protected, method: .plain, settings: EditSettings(keepNorm: false))
        #expect(pooled.latentCount == 3 && abs(pooled.successRate - 2.0 / 3) < 1e-12)
        #expect(throws: EditError("no edit targets to measure")) {
            try measureEdits(inside, targets: [], protected: protected, method: .plain, settings: .standard)
        }
    }
}
