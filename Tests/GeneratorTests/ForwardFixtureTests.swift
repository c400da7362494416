import CommandTestSupport
import Testing
import NumericCore
import TensorFormats
import Generator

@Suite("The embedded DCGAN matches the PyTorch reference")
struct ForwardFixtureTests {
    let generator: DCGANGenerator

    init() throws {
        generator = try DCGANGenerator.embedded()
    }

    @Test func identityAndDigest() {
        #expect(generator.identifier == "dcgan-digiface-64")
        #expect(generator.latentDimension == 100)
        #expect(generator.imageShape == [3, 64, 64])
        #expect(generator.checkpointSHA256 == "b6781aed3133742d775b6c42322c4239bb41fa8119afe3a68617d785c4ea2ac8")
    }

    @Test func imagesAndBlocksMatchFixtures() throws {
        let z = try readNpyTensor(fixturePath("dcgan-digiface-64/z.npy"))
        let (images, blocks) = try generator.forward(z)
        let expected = try readNpyTensor(fixturePath("dcgan-digiface-64/images.npy"))
        #expect(images.shape == expected.shape)
        #expect(maxAbsoluteDifference(images, expected) < 1e-4)
        for (index, block) in blocks.enumerated() {
            let reference = try readNpyTensor(fixturePath("dcgan-digiface-64/block\(index + 1).npy"))
            #expect(block.shape == reference.shape)
            let scale = reference.storage.map(abs).max() ?? 1
            #expect(maxAbsoluteDifference(block, reference) < 1e-4 * scale, "block \(index + 1)")
        }
    }

    @Test func wrongLatentShapeIsRefused() {
        #expect(throws: GeneratorError.latentShape(expected: 100, got: [2, 99])) {
            try generator.render(Tensor(shape: [2, 99], repeating: 0))
        }
    }

    func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }
}

@Suite("Backpropagation through the generator")
struct GeneratorGradientTests {
    /// f(images) = Σ w ⊙ images for a fixed random w: ∂f/∂images = w.
    @Test func latentGradientMatchesFiniteDifferences() throws {
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 3)
        let z = generator.samplePrior(count: 2, random: &random)
        let weights = Tensor(shape: [2, 3, 64, 64], storage: random.normals(2 * 3 * 64 * 64))
        func objective(_ latents: Tensor) throws -> [Double] {
            let images = try generator.render(latents)
            let perImage = 3 * 64 * 64
            return (0..<2).map { n in
                (0..<perImage).reduce(0.0) { $0 + Double(images.storage[n * perImage + $1]) * Double(weights.storage[n * perImage + $1]) }
            }
        }
        let gradient = try generator.latentGradient(z) { _ in weights }
        #expect(gradient.shape == [2, 100])
        // The generator is piecewise smooth (ReLUs): a small step keeps most kinks out of each difference,
        // and the error is judged on the whole gradient, relative to its norm.
        let step: Float = 3e-4
        var errorSquared = 0.0, normSquared = 0.0
        for index in 0..<z.count {
            let row = index / 100
            var plus = z, minus = z
            plus.storage[index] += step
            minus.storage[index] -= step
            let numeric = (try objective(plus)[row] - objective(minus)[row]) / Double(2 * step)
            errorSquared += (Double(gradient.storage[index]) - numeric) * (Double(gradient.storage[index]) - numeric)
            normSquared += numeric * numeric
        }
        #expect((errorSquared / normSquared).squareRoot() < 1e-2)
    }

    /// Several image gradients through one forward pass give what one pass per gradient gives.
    @Test func severalGradientsFromOneForwardPass() throws {
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 4)
        let z = generator.samplePrior(count: 3, random: &random)
        let size = 3 * 64 * 64
        let weights = (0..<2).map { _ in Tensor(shape: [3, 3, 64, 64], storage: random.normals(3 * size)) }
        let together = try generator.latentGradients(z, copies: 2) { images in
            #expect(images.shape == [3, 3, 64, 64])
            return Tensor(concatenatingRows: weights)
        }
        #expect(together.shape == [6, 100])
        for (c, w) in weights.enumerated() {
            let alone = try generator.latentGradient(z) { _ in w }
            let part = together.rows((c * 3)..<((c + 1) * 3))
            let scale = alone.storage.map { abs($0) }.max()!
            #expect(zip(part.storage, alone.storage).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
        }
    }
}
