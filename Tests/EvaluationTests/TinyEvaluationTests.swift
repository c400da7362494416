import Dataset
import Discovery
import Editing
import Evaluation
import Generator
import Labellers
import NumericCore
import Testing

/// A tiny evaluation on the embedded generator: 8 latents not labelled green, edited toward green along the
/// first SeFa eigenvectors (straight, straight with norm kept, and projected against another), one length.
func tinyEvaluation() throws -> (latents: Tensor, evaluation: TargetEvaluation) {
    let generator = try DCGANGenerator.embedded()
    let green = BuiltInLabellers.color.classes.firstIndex(of: "green")!
    var random = EvaluationStream.heldOut.random(seed: 7)
    let latents = try latentsOutsideClass(green, of: BuiltInLabellers.color, count: 8, generator: generator, random: &random)
    let directions = sefaDirections(firstLayerWeight: generator.firstLayerWeight, count: 2)
    let first = try EditTarget(attribute: "EV1", classifier: directionClassifier(directions[0]), classIndex: 1)
    let methods = [
        EvaluatedMethod(name: "straight", detail: "EV1 +", target: first, keepNorm: false),
        EvaluatedMethod(name: "on the shell", detail: "EV1 +, norm kept", target: first, keepNorm: true),
        EvaluatedMethod(name: "projected", detail: "EV1 + without EV2", target: first,
                        protected: [ProtectedAttribute(name: "EV2", classifier: directionClassifier(directions[1]))],
                        method: .projected, keepNorm: false),
    ]
    let evaluation = try evaluateTarget(attribute: "color", classIndex: green, latents: latents, methods: methods,
                                        lengths: [5], steps: 3, generator: generator, exampleLength: 5, exampleCount: 2)
    return (latents, evaluation)
}

@Suite struct TinyEvaluationTests {
    @Test func theSameSeedGivesTheSameNumbers() throws {
        let (latents, first) = try tinyEvaluation()
        let (again, second) = try tinyEvaluation()
        #expect(latents == again)
        #expect(first.points == second.points)
        #expect(first.examples.map(\.images) == second.examples.map(\.images))
        #expect(evaluationCSV([first], steps: 3) == evaluationCSV([second], steps: 3))
    }

    @Test func aTinyEvaluationMeasuresWhatItSays() throws {
        let generator = try DCGANGenerator.embedded()
        let (latents, evaluation) = try tinyEvaluation()
        let labels = labelImagesForTest(try generator.render(latents))
        #expect(!labels.contains(3))
        #expect(evaluation.className == "green" && evaluation.latentCount == 8)
        #expect(evaluation.judgedAttributes == ["lightness", "light_side", "background"])
        #expect(evaluation.points.map(\.method) == ["straight", "on the shell", "projected"])
        for point in evaluation.points {
            // Rates over 8 latents are whole eighths.
            for rate in [point.successRate] + point.unchanged { #expect(rate * 8 == (rate * 8).rounded()) }
            #expect(point.unchanged.count == 3 && point.stoppedEarly == 0)
            #expect(abs(point.meanUnchanged - point.unchanged.reduce(0, +) / 3) < 1e-12)
        }
        // The straight edit is z + 5·EV1: its success and pixel change, recomputed here from the renders.
        let direction = sefaDirections(firstLayerWeight: generator.firstLayerWeight, count: 1)[0].vector
        let d = latents.shape[1]
        let moved = Tensor(shape: latents.shape, storage: latents.storage.indices.map { latents.storage[$0] + 5 * direction[$0 % d] })
        let (before, after) = (try generator.render(latents), try generator.render(moved))
        let green = BuiltInLabellers.color.classes.firstIndex(of: "green")!
        #expect(evaluation.points[0].successRate == Double(labelImagesForTest(after).filter { $0 == green }.count) / 8)
        let pixelChange = zip(before.storage, after.storage).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(before.count) / 2
        #expect(abs(try #require(evaluation.points[0].meanPixelChange) - pixelChange) < 1e-4)
        #expect(abs(evaluation.points[1].meanNorm - evaluation.meanStartNorm) < 1e-3)
        #expect(evaluation.points[0].meanNorm > evaluation.meanStartNorm)
        #expect(evaluation.examples.map(\.row) == ["original", "straight", "on the shell", "projected"])
        #expect(evaluation.examples.allSatisfy { $0.images.count == 2 })
        let csv = evaluationCSV([evaluation], steps: 3).split(separator: "\n")
        #expect(csv.count == 4 && csv[1].hasPrefix("color,green,straight,5,3,8,"))
        #expect(!evaluation.paretoIndices.isEmpty)
    }
}

/// The `color` class of each image of a generator batch.
func labelImagesForTest(_ images: Tensor) -> [Int] {
    (0..<images.shape[0]).map { BuiltInLabellers.color.label(PlanarImage(generatorOutput: images, index: $0)).classIndex }
}
