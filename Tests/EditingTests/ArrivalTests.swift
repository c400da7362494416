import Testing
import CommandTestSupport
import Editing
import LatentClassifier
import NumericCore

@Suite("Arrival: the first point that reaches a threshold, and the path an edit stopping there takes")
struct ArrivalTests {
    let d = 8

    @Test("one run at the highest threshold gives every lower threshold's path, byte for byte, up to its arrival")
    func oneRunAnswersEveryThreshold() throws {
        let ring = trainedClassifier(dimension: d, classes: 2, seed: 11) { $0[0] * $0[0] + $0[1] * $0[1] > 1.4 ? 1 : 0 }
        let side = trainedClassifier(dimension: d, classes: 3, seed: 12) { $0[0] + 0.5 * $0[2] > 0.6 ? 2 : ($0[0] + 0.5 * $0[2] < -0.6 ? 0 : 1) }
        let target = try EditTarget(attribute: "ring", classifier: ring, classIndex: 1)
        let protected = [ProtectedAttribute(name: "side", classifier: side)]
        let z = gaussianLatents(12, d, seed: 21)
        let highest = try editLatents(z, target: target, protected: protected, method: .restored(rounds: 2),
                                      settings: try EditSettings(steps: 20, stepLength: 0.3, stopProbability: 0.99))
        var compared = 0
        for threshold: Float in [0.6, 0.8, 0.9] {
            let points = highest.arrivalPoints(threshold: threshold)
            let stopped = try editLatents(z, target: target, protected: protected, method: .restored(rounds: 2),
                                          settings: try EditSettings(steps: 20, stepLength: 0.3, stopProbability: threshold))
            #expect(stopped.arrivalPoints(threshold: threshold) == points)
            for row in 0..<12 {
                guard let point = points[row] else {
                    #expect(stopped.stops[row]?.reason != .reachedStopProbability)
                    continue
                }
                // The stopped edit took exactly `point` steps, on the same path, and then stays put.
                #expect(point == 0 || stopped.stops[row]?.stepsTaken == point || stopped.stops[row] == nil && point == 20)
                for p in 0...point { #expect(vector(stopped.path, row: row, point: p) == vector(highest.path, row: row, point: p)) }
                for p in point...20 { #expect(vector(stopped.path, row: row, point: p) == vector(highest.path, row: row, point: point)) }
                #expect(stopped.target.probability(latent: row, point: point, ofClass: 1) >= threshold)
                if point > 0 { #expect(stopped.target.probability(latent: row, point: point - 1, ofClass: 1) < threshold) }
                compared += 1
            }
            #expect(stopped.latents(atPoints: points) == stopped.finalLatents)
        }
        #expect(compared >= 24, "most latents arrive: \(compared) of 36")
    }

    @Test("a latent that never reaches the threshold has no arrival point, and its end is the path's last point")
    func neverArriving() throws {
        let target = try EditTarget(attribute: "t", classifier: linearClassifier([axis(0, d)]), classIndex: 1)
        // From z0 = -3, 3 steps of 0.5 reach z0 = -1.5: p = σ(-1.5) < 0.5; from 1.5 the start already has p > 0.8.
        var z = Tensor(shape: [2, d])
        z.storage[0] = -3; z.storage[d] = 1.5
        let result = try editLatents(z, target: target, protected: [], method: .plain,
                                     settings: try EditSettings(steps: 3, stepLength: 0.5, keepNorm: false))
        #expect(result.arrivalPoints(threshold: 0.5) == [nil, 0])
        let ends = result.latents(atPoints: [nil, 0])
        #expect(ends.storage[0] == -1.5 && ends.storage[d] == 1.5)
    }
}
