import CommandTestSupport
import Foundation
import Generator
import NumericCore
import Testing
@testable import GeneratorBridge

/// The worker for NVlabs stylegan2-ada-pytorch pickles, run on an NVlabs-shaped stand-in pickled the way NVlabs
/// pickles are (`{"G_ema": G}`): no real StyleGAN2 can be fetched here.
@Suite("The StyleGAN2-ADA worker", .serialized)
struct StyleGANWorkerTests {
    static let workers = packageRoot.appendingPathComponent("tools/workers").path

    /// The stand-in pickled into `directory`, and the worker's spec for it in `space`.
    static func standInSpec(in directory: TemporaryDirectory, space: WorkerSpec.LatentSpace) throws -> WorkerSpec {
        let pickle = directory.path("standin.pkl")
        let make = try runProcess("/usr/bin/env", ["python3", "\(workers)/torch_stylegan_standin.py", "--write", pickle, "--seed", "0"])
        #expect(make.status == 0, "\(make.error)")
        return WorkerSpec(path: "stylegan2_ada.json",
                          command: ["python3", "\(workers)/stylegan2_ada.py", "--pkl", pickle, "--blocks", "b4,b8"],
                          timeoutSeconds: 120, space: space)
    }

    /// A random direction of unit length, `count` long.
    static func unitDirection(_ count: Int, random: inout RandomSource) -> [Float] {
        let v = random.normals(count)
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }

    /// ⟨images, cotangent⟩ of `images`.
    static func inner(_ images: Tensor, _ cotangent: Tensor) -> Double {
        zip(images.storage, cotangent.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    /// The derivative of ⟨G(latents), cotangent⟩ along a random unit direction: by central differences of step
    /// 1e-2 through the worker's renders, and from the worker's `gradient` (float32 renders: they differ by about
    /// 1% at this step; a gradient of one layer alone, or of the wrong latent, is off by far more).
    static func directionalDerivatives(_ worker: WorkerGenerator, at latents: Tensor, cotangent: Tensor, gradient: Tensor,
                                       random: inout RandomSource) throws -> (numeric: Double, analytic: Double) {
        let direction = unitDirection(latents.count, random: &random)
        let h: Float = 1e-2
        var plus = latents, minus = latents
        for i in latents.storage.indices { plus.storage[i] += h * direction[i]; minus.storage[i] -= h * direction[i] }
        let numeric = (inner(try worker.render(plus), cotangent) - inner(try worker.render(minus), cotangent)) / Double(2 * h)
        return (numeric, zip(gradient.storage, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) })
    }

    @Test("declares W space and every capability; renders z and W+ alike; gradients through w match finite differences",
          .enabled(if: torchAvailable, "torch is not installed for python3 (pip install torch==2.13.0); the StyleGAN2-ADA worker is not tested"))
    func standInThroughWorker() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let worker = try WorkerGenerator(spec: try Self.standInSpec(in: directory, space: .w))
        defer { worker.stop() }
        #expect(worker.capabilities.isSuperset(of: ["render", "map", "render_w", "vjp", "vjp_w", "activations", "latent_weight_w"]))
        #expect(!worker.capabilities.contains("latent_weight"), "a style-based generator's first linear maps act on w")
        #expect(worker.identifier == "sg2-standin-w" && worker.checkpointSHA256?.count == 64)
        #expect(worker.latentDimension == 32 && worker.priorDimension == 32 && worker.styleLayers == 10)
        #expect(worker.blockShapes == [[16, 4, 4], [16, 8, 8]])
        #expect(worker.offers(.latentGradient) && worker.offers(.blockActivations) && worker.offers(.latentWeight) && worker.mapsPrior)

        var random = RandomSource(seed: 5)
        let w = try worker.drawPrior(count: 3, random: &random)
        #expect(w.shape == [3, 32])
        let images = try worker.render(w)
        #expect(images.shape == [3, 3, 64, 64])
        // The bridge repeats w in every layer: the same images as rendering those W+ codes directly.
        var codes = [Float]()
        for row in 0..<3 { for _ in 0..<10 { codes += w.storage[(row * 32)..<((row + 1) * 32)] } }
        #expect(try worker.render(styleCodes: Tensor(shape: [3, 10, 32], storage: codes)).storage == images.storage)

        // ∂⟨G(w), c⟩/∂w (vjp_w summed over the layers) against central differences.
        let cotangent = Tensor(shape: images.shape, storage: random.normals(images.count).map { $0 * 0.1 })
        let gradient = try worker.latentGradient(w) { _ in cotangent }
        for probe in 0..<3 {
            let (numeric, analytic) = try Self.directionalDerivatives(worker, at: w, cotangent: cotangent, gradient: gradient,
                                                                      random: &random)
            #expect(abs(numeric - analytic) <= 5e-2 * max(abs(analytic), 1), "probe \(probe): finite differences \(numeric), vjp_w \(analytic)")
        }

        // Block activations and SeFa's weight.
        let block = try worker.discoveryActivations(w, block: 2)
        #expect(block.shape == [3, 16, 8, 8] && block.storage.contains { $0 != 0 })
        let weight = try worker.latentWeight()
        #expect(weight.shape[0] == 32 && weight.shape[1] >= 16, "weight \(weight.shape)")
        let k = weight.shape[1]
        for column in [0, k - 1] {
            let norm = (0..<32).reduce(0.0) { $0 + Double(weight.storage[$1 * k + column] * weight.storage[$1 * k + column]) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4, "style affine \(column) is normalised: \(norm)")
        }
        #expect(thrownDescription { _ = try worker.discoveryActivations(w, block: 3) }?.contains("blocks 1 to 2") == true)
    }

    @Test("in z space: vjp by autograd matches finite differences; SeFa's weight (on w only) is refused in one line",
          .enabled(if: torchAvailable, "torch is not installed for python3 (pip install torch==2.13.0); the StyleGAN2-ADA worker is not tested"))
    func standInInZ() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let worker = try WorkerGenerator(spec: try Self.standInSpec(in: directory, space: .z))
        defer { worker.stop() }
        #expect(worker.identifier == "sg2-standin" && !worker.mapsPrior && worker.offers(.latentGradient))
        var random = RandomSource(seed: 6)
        let z = try worker.drawPrior(count: 2, random: &random)
        let images = try worker.render(z)
        let cotangent = Tensor(shape: images.shape, storage: random.normals(images.count).map { $0 * 0.1 })
        let gradient = try worker.latentGradient(z) { _ in cotangent }
        let (numeric, analytic) = try Self.directionalDerivatives(worker, at: z, cotangent: cotangent, gradient: gradient,
                                                                  random: &random)
        #expect(abs(numeric - analytic) <= 5e-2 * max(abs(analytic), 1), "finite differences \(numeric), vjp \(analytic)")
        let refused = thrownDescription { _ = try worker.latentWeight() } ?? ""
        #expect(!worker.offers(.latentWeight))
        #expect(refused.contains("lacks the capability 'latent_weight'") && !refused.contains("\n"), "\(refused)")
    }
}
