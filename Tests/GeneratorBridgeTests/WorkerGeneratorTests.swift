import CommandTestSupport
import Foundation
import Generator
import NumericCore
import Testing
@testable import GeneratorBridge

/// Real worker processes: the NumPy DCGAN worker against the embedded generator, and small workers that misbehave
/// in each way the protocol guards against.
@Suite("Generator workers", .serialized)
struct WorkerGeneratorTests {
    static let workers = packageRoot.appendingPathComponent("tools/workers").path

    /// A spec for `python3 <script>` where the script is written into `directory`; it can import worker_protocol.
    static func spec(_ script: String, in directory: TemporaryDirectory, timeout: Double = 60) throws -> WorkerSpec {
        let path = try directory.write("import sys\nsys.path.insert(0, \(String(reflecting: workers)))\n" + script,
                                       to: "worker-\(UUID().uuidString.prefix(8)).py")
        return WorkerSpec(path: path, command: ["python3", path], timeoutSeconds: timeout)
    }

    /// A worker that declares a 4-d latent space and 8×8 images and renders with `body` (Python, given z).
    static func toyWorker(render body: String, capabilities: String = "") -> String {
        """
        import numpy as np, os, time
        from worker_protocol import Worker, serve
        def render(z):
        \(body.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        serve(Worker(name="toy", latent_dimension=4, image_shape=(3, 8, 8), render=render))
        """
    }

    @Test("the NumPy DCGAN worker renders the embedded generator's images within 1e-4")
    func numpyWorkerMatchesEmbedded() throws {
        // The shipped spec names the script relative to the package root; here it is made absolute.
        let shipped = try WorkerSpec(file: "\(Self.workers)/numpy_dcgan.json")
        #expect(shipped.command == ["python3", "tools/workers/numpy_dcgan.py"])
        let worker = try WorkerGenerator(spec: WorkerSpec(path: shipped.path, command: ["python3", "\(Self.workers)/numpy_dcgan.py"]))
        defer { worker.stop() }
        let embedded = try DCGANGenerator.embedded()
        #expect(worker.identifier == embedded.identifier)
        #expect(worker.checkpointSHA256 == embedded.checkpointSHA256)
        #expect(worker.latentDimension == 100 && worker.imageShape == [3, 64, 64])
        let z = gaussianLatents(5, 100, seed: 3)
        let mine = try worker.render(z), theirs = try embedded.render(z)
        let largest = zip(mine.storage, theirs.storage).map { abs($0 - $1) }.max() ?? .infinity
        #expect(largest <= 1e-4, "largest difference \(largest)")
        #expect(throws: WorkerError.self) { try worker.require("vjp", for: "the oracle") }
        #expect(thrownDescription { try worker.require("vjp", for: "the oracle") }?.contains("lacks the capability 'vjp'") == true)
    }

    @Test("a worker that prints junk, dies, hangs, or answers with the wrong shape, NaN or a wrong range: one line each")
    func misbehavingWorkers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // Junk on stdout before any frame.
        let junk = try Self.spec("print('loading weights from disk...')\nimport time; time.sleep(30)", in: directory)
        #expect(thrownDescription { _ = try WorkerGenerator(spec: junk) }?.contains("wrote something other than a protocol frame") == true)
        let cases: [(render: String, expected: String)] = [
            ("os._exit(3)", "exited with status 3"),
            ("time.sleep(30)", "took longer than the timeout"),
            ("return np.zeros((len(z), 3, 8, 9), np.float32)", "with shape [2, 3, 8, 9], expected [2, 3, 8, 8]"),
            ("return np.full((len(z), 3, 8, 8), np.nan, np.float32)", "NaN or infinity"),
            ("return np.full((len(z), 3, 8, 8), 255, np.float32)", "images must be in [-1, 1]"),
            ("raise RuntimeError('CUDA out of memory')", "failed: RuntimeError: CUDA out of memory"),
            ("return np.zeros((5000, 3, 8, 8), np.float32)", "more than the 67072 its reply can need"),
        ]
        for (render, expected) in cases {
            let spec = try Self.spec(Self.toyWorker(render: render), in: directory, timeout: 2)
            let worker = try WorkerGenerator(spec: spec)
            let started = Date()
            let message = thrownDescription { _ = try worker.render(gaussianLatents(2, 4, seed: 3)) }
            #expect(message?.contains(expected) == true, "\(render): \(message ?? "no error")")
            #expect(message?.hasPrefix("generator worker \(spec.path) (toy): ") == true, "\(message ?? "")")
            #expect(!(message ?? "").contains("\n"))
            #expect(Date().timeIntervalSince(started) < 10)
            // The worker is gone: later requests are refused without waiting.
            #expect(thrownDescription { _ = try worker.render(gaussianLatents(2, 4, seed: 3)) }?.contains("takes no more requests") == true
                    || render.hasPrefix("raise"))
        }
    }

    @Test("a worker that is not there, or declares nonsense, is refused in one line")
    func badDeclarations() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let missing = WorkerSpec(path: "missing.json", command: ["no-such-program-gcw"], timeoutSeconds: 5)
        #expect(thrownDescription { _ = try WorkerGenerator(spec: missing) }?.contains("generator worker missing.json") == true)
        let badName = try Self.spec("""
            from worker_protocol import Worker, serve
            serve(Worker(name="../etc", latent_dimension=4, image_shape=(3, 8, 8), render=None))
            """, in: directory)
        #expect(thrownDescription { _ = try WorkerGenerator(spec: badName) }?.contains("declared no usable \"name\"") == true)
        let gray = try Self.spec("""
            from worker_protocol import Worker, serve
            serve(Worker(name="gray", latent_dimension=4, image_shape=(1, 8, 8), render=None))
            """, in: directory)
        #expect(thrownDescription { _ = try WorkerGenerator(spec: gray) }?.contains("image_shape") == true)
        let noW = WorkerSpec(path: "no-w.json", command: ["python3", "\(Self.workers)/numpy_dcgan.py"], space: .w)
        #expect(thrownDescription { _ = try WorkerGenerator(spec: noW) }?.contains("has no W space") == true)
        let space = try directory.write("{\"command\": [\"python3\"], \"space\": \"w+\"}", to: "space.json")
        #expect(thrownDescription { _ = try WorkerSpec(file: space) }?.contains("\"space\" must be \"z\" or \"w\"") == true)
        let specFile = try directory.write("{\"command\": []}", to: "empty.json")
        #expect(thrownDescription { _ = try WorkerSpec(file: specFile) }?.contains("must name a program") == true)
        let timeout = try directory.write("{\"command\": [\"python3\"], \"timeout_seconds\": -1}", to: "timeout.json")
        #expect(thrownDescription { _ = try WorkerSpec(file: timeout) }?.contains("between 1 and 86400") == true)
    }
}
