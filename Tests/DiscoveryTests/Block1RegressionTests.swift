import Discovery
import Foundation
import Generator
import NumericCore
import Testing

@Suite struct Block1RegressionTests {
    /// Block 1 before its ReLU is affine in z, so an exact least-squares map back to z exists; the Tucker
    /// regression trained as `Discover tca` trains it (default settings, fresh batches) must agree with it on
    /// held-out latents within 1e-2 relative error.
    @Test func trainedRegressionMatchesTheExactLeastSquaresMap() throws {
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 11)
        let fit = generator.samplePrior(count: 400, random: &random)
        let exact = try LeastSquaresMap(from: try generator.blockActivations(fit, block: 1, beforeReLU: true), to: fit,
                                        withIntercept: false)
        let test = generator.samplePrior(count: 200, random: &random)
        let activations = try generator.blockActivations(test, block: 1, beforeReLU: true)
        let reference = exact(activations)
        #expect(relative(reference, test) < 1e-5, "block 1 is affine in z, so least squares reproduces z")

        let options = TCAOptions()
        var model = TuckerRegression(dimensions: [512, 4, 4, 100], ranks: [options.regressionChannelRank, 4, 4, 100], random: &random)
        var batches = RandomSource(seed: 12)
        let losses = try train(&model, settings: options.training, batch: { n in
            let z = generator.samplePrior(count: n, random: &batches)
            return (try generator.blockActivations(z, block: 1, beforeReLU: true), z)
        })
        let error = relative(model(activations), reference)
        #expect(error <= 1e-2, "relative error \(error)")
        #expect(losses.last! < losses.first! / 10)
    }

    func relative(_ a: Tensor, _ b: Tensor) -> Double {
        let d = zip(a.storage, b.storage).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
        return (d / b.storage.reduce(0.0) { $0 + Double($1) * Double($1) }).squareRoot()
    }

    @Test func blockActivationsAfterTheReLUMatchTheReferenceFixture() throws {
        // The fixture holds block outputs after the ReLU for its 8 latents.
        let z = try readFixture("z")
        let generator = try DCGANGenerator.embedded()
        for block in 1...2 {
            let expected = try readFixture("block\(block)")
            let ours = try generator.blockActivations(z, block: block, beforeReLU: false)
            #expect(ours.shape == expected.shape)
            #expect(zip(ours.storage, expected.storage).map { abs($0 - $1) }.max()! < 1e-4)
            let before = try generator.blockActivations(z, block: block, beforeReLU: true)
            #expect(zip(before.storage, ours.storage).allSatisfy { max($0, 0) == $1 })
        }
    }
}

import CommandTestSupport
import TensorFormats

func readFixture(_ name: String) throws -> Tensor { try readNpyTensor(fixturePath("dcgan-digiface-64/\(name).npy")) }
