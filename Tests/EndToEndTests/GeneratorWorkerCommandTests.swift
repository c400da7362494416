import CommandTestSupport
import Foundation
import Testing

/// `Render` and `Dataset sample` with `--generator SPEC`: the NumPy worker against the embedded generator, and a
/// worker that dies in the middle of a run.
@Suite("Commands with a generator worker", .serialized)
struct GeneratorWorkerCommandTests {
    @Test("Dataset sample and Render through the NumPy DCGAN worker give the embedded generator's labels and images")
    func numpyWorkerThroughCommands() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let viaWorker = try runProduct("Dataset", ["sample", "--count", "24", "--seed", "4", "--batch", "10",
                                                   "--generator", "tools/workers/numpy_dcgan.json", "--out", directory.path("worker")])
        #expect(viaWorker.status == 0, "\(viaWorker.error)")
        let embedded = try runProduct("Dataset", ["sample", "--count", "24", "--seed", "4", "--out", directory.path("embedded")])
        #expect(embedded.status == 0, "\(embedded.error)")
        for file in ["labels.csv", "latents.npy"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("worker/\(file)")))
                    == Data(contentsOf: URL(fileURLWithPath: directory.path("embedded/\(file)"))), "\(file)")
        }
        let manifest = try String(contentsOfFile: directory.path("worker/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("dcgan-digiface-64"))
        let render = try runProduct("Render", ["--generator", "tools/workers/numpy_dcgan.json", "--count", "3", "--seed", "2",
                                               "--no-pngs", "--out", directory.path("renders"),
                                               "--images-npy", directory.path("renders/images.npy")])
        #expect(render.status == 0, "\(render.error)")
        #expect(FileManager.default.fileExists(atPath: directory.path("renders/contact-sheet.png")))
    }

    @Test("a worker killed mid-sample: one line naming it, exit 1, no partial dataset")
    func workerDiesMidSample() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let workers = packageRoot.appendingPathComponent("tools/workers").path
        let script = try directory.write("""
            import os, sys
            sys.path.insert(0, \(String(reflecting: workers)))
            import numpy_dcgan
            worker = numpy_dcgan.load(numpy_dcgan.DEFAULT_CHECKPOINT)
            render, calls = worker.render, []
            def dying(z):
                calls.append(1)
                if len(calls) == 2:
                    os.kill(os.getpid(), 9)
                return render(z)
            worker.render = dying
            numpy_dcgan.serve(worker)
            """, to: "dying.py")
        let spec = try directory.write("{\"command\": [\"python3\", \(String(reflecting: script))]}", to: "dying.json")
        let result = try runProduct("Dataset", ["sample", "--count", "30", "--batch", "10", "--generator", spec,
                                                "--out", directory.path("set")])
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").filter { !$0.hasPrefix("sampling") && !$0.contains("\r") }
        #expect(lines.count == 1 && lines[0].contains("generator worker \(spec) (dcgan-digiface-64): was killed by signal 9"),
                "\(result.error)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("set")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["dying.json", "dying.py"],
                "nothing but the worker's own files")
        let junk = try directory.write("{\"command\": [\"python3\", \"-c\", \"print('hello from a worker'); import time; time.sleep(20)\"]}", to: "junk.json")
        let junkResult = try runProduct("Render", ["--generator", junk, "--count", "2", "--out", directory.path("r")])
        #expect(junkResult.status == 1)
        #expect(junkResult.error.contains("generator worker \(junk): wrote something other than a protocol frame"), "\(junkResult.error)")
    }
}
