import Testing
import CommandTestSupport
import Editing
import Foundation
import ImageIO
import LatentClassifier
import NumericCore
import Saliency

@Suite("Saliency: channel importance, overlaps and charts")
struct SaliencyTests {
    let d = 8

    @Test func aLinearBinaryClassifierRanksChannelsByItsWeights() {
        let weights: [Float] = [0.5, -3, 0, 1, -2, 0.1, 0, 0]
        let model = linearClassifier([weights])
        let z = gaussianLatents(50, d, seed: 30)
        let saliency = computeSaliency(attribute: "a", classNames: ["no", "yes"], classifier: model, latents: z)
        let p = model.probabilities(z)
        let meanFactor = (0..<50).reduce(0.0) { $0 + Double(p.storage[2 * $1] * p.storage[2 * $1 + 1]) } / 50
        #expect(saliency.outputs.count == 1 && saliency.outputs[0].classIndex == 1 && saliency.sampleCount == 50)
        for j in 0..<d {
            #expect(abs(Double(saliency.outputs[0].meanAbsolute[j]) - meanFactor * Double(abs(weights[j]))) < 1e-5)
            #expect(abs(Double(saliency.outputs[0].signedMean[j]) - meanFactor * Double(weights[j])) < 1e-5)
        }
        #expect(saliency.sensitivity == saliency.outputs[0].meanAbsolute)
        #expect(saliency.ranking.prefix(5) == [1, 4, 3, 0, 5])
        #expect(saliency.outputs[0].ranking == saliency.ranking)
        #expect(saliency.topChannels(2) == [1, 4])
    }

    @Test func aMulticlassClassifierHasOneEntryPerClassAndHalfTheSummedSensitivity() {
        let model = trainedClassifier(dimension: d, classes: 3, seed: 31, epochs: 10) { $0[2] > 0.5 ? 2 : ($0[5] > 0 ? 1 : 0) }
        let z = gaussianLatents(40, d, seed: 32)
        let saliency = computeSaliency(attribute: "m", classNames: ["x", "y", "w"], classifier: model, latents: z)
        #expect(saliency.outputs.map(\.classIndex) == [0, 1, 2])
        var expected = [Double](repeating: 0, count: d)
        for c in 0..<3 {
            let g = model.inputGradient(z, of: .probability(c)).gradient
            for (i, v) in g.storage.enumerated() { expected[i % d] += 0.5 * Double(abs(v)) / 40 }
        }
        for j in 0..<d { #expect(abs(Double(saliency.sensitivity[j]) - expected[j]) < 1e-5) }
        #expect(Set(saliency.topChannels(2)) == [2, 5], "the channels the labels depend on: \(saliency.ranking)")
    }

    @Test func overlapsCountSharedTopChannels() {
        func attribute(_ name: String, _ sensitivity: [Float]) -> AttributeSaliency {
            AttributeSaliency(attribute: name, classNames: ["0", "1"], sampleCount: 1,
                              outputs: [OutputSaliency(classIndex: 1, meanAbsolute: sensitivity, signedMean: sensitivity)],
                              sensitivity: sensitivity)
        }
        let report = SaliencyReport([attribute("a", [5, 4, 3, 0, 0, 0, 0, 0]), attribute("b", [0, 4, 5, 3, 0, 0, 0, 0]),
                                     attribute("c", [0, 0, 0, 0, 0, 3, 4, 5])])
        #expect(report.topChannelOverlap(count: 3) == [[3, 2, 0], [2, 3, 0], [0, 0, 3]])
        #expect(report["b"]?.topChannels(1) == [2] && report["x"] == nil)
    }

    @Test func chartsAreWrittenAsPNGFiles() throws {
        let z = gaussianLatents(30, d, seed: 33)
        let report = SaliencyReport([
            computeSaliency(attribute: "a", classNames: ["no", "yes"], classifier: linearClassifier([[1, -2, 0, 0, 3, 0, 0, 1]]), latents: z),
            computeSaliency(attribute: "b", classNames: ["x", "y", "w"], classifier: linearClassifier([axis(0, d), axis(1, d), axis(2, d)]), latents: z),
        ])
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // A folder that does not exist yet: writing the charts makes it.
        let paths = try writeSaliencyCharts(report, to: directory.path("charts"), count: 5, overlapCount: 3)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["saliency-a.png", "saliency-b.png", "saliency-overlap.png"])
        for path in paths {
            let image = try readPNG(path)
            #expect(image.width == 800 && image.height >= 500)
            #expect(Set(stride(from: 0, to: image.pixels.count, by: 3).map { image.pixels[$0] }).count > 3, "\(path) is blank")
        }
    }
}
