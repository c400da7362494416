import CommandTestSupport
import Editing
import Discovery
import NumericCore
import Testing

/// The unit vector along axis `i` of `d`, as a direction.
func axisDirection(_ i: Int, _ d: Int, name: String? = nil) -> LatentDirection {
    LatentDirection(name: name ?? "e\(i)", vector: (0..<d).map { $0 == i ? 1 : 0 })
}

@Suite struct DirectionTests {
    @Test func aDirectionClassifierWalksStraightAlongItsDirection() throws {
        let direction = LatentDirection(name: "d", vector: [3, 0, -4])
        let latents = gaussianLatents(5, 3, seed: 1)
        for (classIndex, sign) in [(1, Float(1)), (0, Float(-1))] {
            let target = try EditTarget(attribute: "d", classifier: directionClassifier(direction), classIndex: classIndex)
            let settings = try EditSettings(steps: 9, stepLength: 6.0 / 9, keepNorm: false)
            let final = try editLatents(latents, target: target, protected: [], method: .plain, settings: settings).finalLatents
            for (index, value) in final.storage.enumerated() {
                let expected = latents.storage[index] + sign * 6 * direction.vector[index % 3]
                #expect(abs(value - expected) < 1e-4)
            }
        }
    }

    @Test func projectingOutDirectionsLeavesTheirCoordinatesUnchanged() throws {
        let d = 5
        let target = try EditTarget(attribute: "t", classifier: directionClassifier(LatentDirection(name: "t", vector: [1, 1, 1, 0, 0])),
                                    classIndex: 1)
        let protected = [ProtectedAttribute(name: "p0", classifier: directionClassifier(axisDirection(0, d))),
                         ProtectedAttribute(name: "p1", classifier: directionClassifier(LatentDirection(name: "p1", vector: [1, 1, 0, 0, 1])))]
        let latents = gaussianLatents(4, d, seed: 2)
        let final = try editLatents(latents, target: target, protected: protected, method: .projected,
                                    settings: try EditSettings(steps: 4, stepLength: 1, keepNorm: false)).finalLatents
        for row in 0..<4 {
            let moved = (0..<d).map { final.storage[row * d + $0] - latents.storage[row * d + $0] }
            #expect(abs(moved[0]) < 1e-4)
            #expect(abs(moved[0] + moved[1] + moved[4]) < 1e-4)
            #expect(abs(moved.reduce(0) { $0 + $1 * $1 }.squareRoot() - 4) < 1e-3)
        }
    }

    @Test func theComponentAndSignThatRaiseTheTargetAreChosen() throws {
        let d = 4
        let candidates = (0..<d).map { axisDirection($0, d) }
        let scorer = directionClassifier(LatentDirection(name: "s", vector: [0, 0.2, -1, 0]))
        let latents = gaussianLatents(16, d, seed: 3)
        let settings = try EditSettings(steps: 3, stepLength: 1, keepNorm: false)
        let toward = try chooseComponent(candidates, attribute: "c", scorer: try EditTarget(attribute: "s", classifier: scorer, classIndex: 1),
                                         latents: latents, settings: settings)
        #expect(toward.index == 2 && !toward.positive && toward.summary == "e2 -")
        #expect(toward.target.classIndex == 0)
        let away = try chooseComponent(candidates, attribute: "c", scorer: try EditTarget(attribute: "s", classifier: scorer, classIndex: 0),
                                       latents: latents, settings: settings)
        #expect(away.index == 2 && away.positive)
        #expect(away.meanTargetProbability > 0.8 && toward.meanTargetProbability > 0.8)
    }
}
