import CommandTestSupport
import Labellers
import Editing
@testable import Evaluation
import Generator
import NumericCore
import Testing

@Suite("The random and image-oracle references")
struct ReferenceWalkTests {
    @Test func statisticsAreTheLabellersOwnNumbers() throws {
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 81)
        let images = try generator.render(generator.samplePrior(count: 3, random: &random))
        let statistics = protectedImageStatistics(exceptTarget: "color")
        #expect(statistics.map(\.name) == ["lightness luma", "light_side luma", "background luma"])
        for index in 0..<3 {
            let image = PlanarImage(generatorOutput: images, index: index)
            let size = 3 * 64 * 64
            let pixels = images.storage[(index * size)..<((index + 1) * size)].map { Double(($0 + 1) / 2) }
            for (statistic, labeller) in zip(statistics, [BuiltInLabellers.lightness, BuiltInLabellers.lightSide, BuiltInLabellers.background]) {
                let value = zip(statistic.weights, pixels).reduce(0.0) { $0 + Double($1.0) * $1.1 }
                #expect(abs(value - labeller.statistic(of: image)) < 1e-5)
            }
        }
        #expect(protectedImageStatistics(exceptTarget: "lightness").map(\.name)
                == ["color border red", "color border green", "color border blue", "light_side luma", "background luma"])
    }

    @Test func statisticGradientsMatchFiniteDifferencesThroughTheGenerator() throws {
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 82)
        let latents = generator.samplePrior(count: 2, random: &random)
        let statistics = protectedImageStatistics(exceptTarget: "lightness")
        let gradients = try statisticGradients(latents, statistics: statistics, generator: generator, chunk: 4)
        func value(_ z: Tensor, _ s: Int, _ row: Int) throws -> Double {
            let images = try generator.render(z)
            let size = 3 * 64 * 64
            return zip(statistics[s].weights, images.storage[(row * size)..<((row + 1) * size)]).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        var worst = 0.0
        for channel in [0, 17, 58, 99] {
            var plus = latents, minus = latents
            for row in 0..<2 {
                plus.storage[row * 100 + channel] += 1e-2
                minus.storage[row * 100 + channel] -= 1e-2
            }
            for s in statistics.indices {
                for row in 0..<2 {
                    let numeric = (try value(plus, s, row) - value(minus, s, row)) / 2e-2
                    let analytic = Double(gradients[s].storage[row * 100 + channel])
                    worst = max(worst, abs(numeric - analytic) / max(1e-2, abs(numeric)))
                }
            }
        }
        // ReLU kinks inside the ±1e-2 steps leave a few percent; a wrong gradient is off by O(1).
        #expect(worst < 5e-2, "largest relative error \(worst)")
    }

    @Test func theRandomWalkKeepsTheNormAndIsSeeded() throws {
        let latents = gaussianLatents(4, 100, seed: 83)
        let settings = try EditSettings(steps: 9, stepLength: 0.5, keepNorm: true)
        var a = RandomSource(seed: 1), b = RandomSource(seed: 1)
        let first = randomWalk(latents, settings: settings, random: &a)
        #expect(first == randomWalk(latents, settings: settings, random: &b))
        #expect(first != latents)
        for row in 0..<4 {
            let before = latents.storage[(row * 100)..<((row + 1) * 100)].reduce(0) { $0 + $1 * $1 }.squareRoot()
            let after = first.storage[(row * 100)..<((row + 1) * 100)].reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(before - after) < 1e-4)
        }
    }
}
