import CommandTestSupport
import Foundation
import Generator
import NumericCore
import Testing
@testable import GeneratorBridge

/// Whether python3 can import torch (`pip install torch==2.13.0`); the PyTorch workers' tests need it.
let torchAvailable = pythonCanImport("torch")

@Suite("The PyTorch worker", .serialized)
struct TorchWorkerTests {
    @Test("renders the embedded generator's images and backpropagates its gradients (vjp by autograd)",
          .enabled(if: torchAvailable, "torch is not installed for python3 (pip install torch==2.13.0); the PyTorch worker is not tested"))
    func torchWorkerMatchesEmbedded() throws {
        let script = packageRoot.appendingPathComponent("tools/workers/torch_generic.py").path
        let worker = try WorkerGenerator(spec: WorkerSpec(path: "torch_generic.json", command: ["python3", script, "--device", "cpu"]))
        defer { worker.stop() }
        #expect(worker.capabilities.contains("vjp"))
        let embedded = try DCGANGenerator.embedded()
        #expect(worker.identifier == embedded.identifier && worker.checkpointSHA256 == embedded.checkpointSHA256)
        var random = RandomSource(seed: 8)
        let z = Tensor(shape: [4, 100], storage: random.normals(400))
        let largestImage = zip(try worker.render(z).storage, try embedded.render(z).storage).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largestImage <= 1e-4, "images differ by \(largestImage)")
        // ∂⟨images, c⟩/∂z for a fixed cotangent c, through the worker's autograd and through the Swift backward pass.
        let cotangent = Tensor(shape: [4, 3, 64, 64], storage: random.normals(4 * 3 * 64 * 64))
        let theirs = try worker.latentGradient(z) { _ in cotangent }
        let mine = try embedded.latentGradient(z) { _ in cotangent }
        let scale = mine.storage.map(abs).max() ?? 1
        let largest = zip(theirs.storage, mine.storage).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest <= 1e-3 * scale, "gradients differ by \(largest) (largest entry \(scale))")
    }
}
