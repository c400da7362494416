import CommandTestSupport
import Discovery
import Foundation
import Testing

/// Discover tca, Discover manifolds and Evaluate on a user's generator: the stand-in style generator's worker
/// (NumPy; its 'activations' read the convolutions' outputs), and the StyleGAN2-ADA worker on an NVlabs-shaped
/// stand-in when torch is installed.
@Suite("Discovery and evaluation through a generator worker", .serialized)
struct WorkerDiscoveryTests {
    static let workers = packageRoot.appendingPathComponent("tools/workers").path

    /// A spec in `directory` that starts `script` (in tools/workers) with `arguments`, from any folder.
    static func spec(_ script: String, _ arguments: [String] = [], space: String = "z", in directory: TemporaryDirectory) throws -> String {
        let command = (["python3", "\(workers)/\(script)"] + arguments).map { String(reflecting: $0) }.joined(separator: ", ")
        return try directory.write("{\"command\": [\(command)], \"space\": \"\(space)\", \"timeout_seconds\": 120}",
                                   to: "\(script)-\(space).json")
    }

    @Test("Discover tca reads the worker's block in W and writes its directions for that generator; a worker without 'activations' is refused in one line")
    func tcaThroughWorker() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let standIn = try Self.spec("stylegan_standin.py", space: "w", in: directory)
        let run = try runProduct("Discover", ["tca", "--generator", standIn, "--block", "2", "--samples", "200", "--iterations", "60",
                                              "--components", "3", "--products", "2", "--naming-latents", "16"], in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        let folder = directory.path("discovered/stylegan-standin-s0-w")
        let file = try DirectionsFile.read(from: "\(folder)/tca-block2.directions.safetensors")
        #expect(file.generator.identifier == "stylegan-standin-s0-w" && file.generator.latentDimension == 32)
        #expect(file.settings["dimensions"] == "16,8,8" && file.settings["activations"]?.contains("worker") == true)
        #expect(file.directions.count == 3 * 3 + 2 && file.directions.allSatisfy { $0.path.latentDimension == 32 })
        for grid in ["channel", "height", "width", "products"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/tca-block2-\(grid).png"), "\(grid) grid")
        }
        let block = try runProduct("Discover", ["tca", "--generator", standIn, "--block", "10", "--out", directory.path("x")], in: directory.url)
        #expect(block.status != 0 && block.error.contains("--block must be 1 to 9"), "\(block.error)")
        let numpyDCGAN = try Self.spec("numpy_dcgan.py", in: directory)
        let refused = try runProduct("Discover", ["tca", "--generator", numpyDCGAN, "--out", directory.path("x")], in: directory.url)
        #expect(refused.status == 1 && refused.error.contains("lacks the capability 'activations'"), "\(refused.error)")
        #expect(refused.error.split(separator: "\n").filter { $0.hasPrefix("Error") }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.path("x")))
    }

    @Test("Evaluate on the stand-in in W: GANSpace on w's axes, TCA on its block, SeFa and the oracle left out and said so")
    func evaluateThroughWorker() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let standIn = try Self.spec("stylegan_standin.py", space: "w", in: directory)
        let run = try runProduct("Evaluate", ["--generator", standIn, "--attributes", "light_side:left", "--count", "12",
                                              "--dataset-count", "300", "--components", "3", "--lengths", "0.2,0.5"],
                                 in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        let folder = directory.path("reports/evaluation/stylegan-standin-s0-w")
        let report = try String(contentsOfFile: "\(folder)/evaluation.md", encoding: .utf8)
        #expect(report.contains("`stylegan-standin-s0-w`") && report.contains("Served by a worker"))
        #expect(report.contains("SeFa: left out") && report.contains("image oracle: left out"), "\(report.prefix(1500))")
        let csv = try String(contentsOfFile: "\(folder)/evaluation.csv", encoding: .utf8)
        let methods = Set(csv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst(2).first.map(String.init) })
        for method in ["GANSpace", "TCA", "TCA product", "GradCtrl restoring", "InterFaceGAN"] {
            #expect(csv.contains(",\(method),"), "\(method) in the CSV (\(methods))")
        }
        #expect(!csv.contains(",SeFa,") && !csv.contains("image oracle"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/light_side-to-left.examples.png"))
        #expect(FileManager.default.fileExists(atPath: directory.path("data/stylegan-standin-s0-w-n300-s0/manifest.json")))
    }

    @Test("Discover manifolds learns through the StyleGAN2-ADA worker's vjp_w with ε scaled to w; without gradients it is refused in one line",
          .enabled(if: pythonCanImport("torch"), "torch is not installed for python3 (pip install torch==2.13.0); the StyleGAN2-ADA worker is not tested"))
    func manifoldsThroughWorker() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let pickle = directory.path("standin.pkl")
        let make = try runProcess("/usr/bin/env", ["python3", "\(Self.workers)/torch_stylegan_standin.py", "--write", pickle])
        #expect(make.status == 0, "\(make.error)")
        let stylegan = try Self.spec("stylegan2_ada.py", ["--pkl", pickle], space: "w", in: directory)
        let run = try runProduct("Discover", ["manifolds", "--generator", stylegan, "--steps", "3", "--batch", "8", "--directions", "4",
                                              "--held-out", "8", "--evaluation-latents", "4", "--grid-columns", "3"], in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("sg2-standin-w: mean latent norm"), "\(run.error)")
        let file = try DirectionsFile.read(from: directory.path("discovered/sg2-standin-w/manifolds-linear-ge2e-k4-s0.safetensors"))
        #expect(file.generator.identifier == "sg2-standin-w" && file.directions.count == 4)
        let standIn = try Self.spec("stylegan_standin.py", space: "w", in: directory)
        let refused = try runProduct("Discover", ["manifolds", "--generator", standIn, "--steps", "1", "--out", directory.path("x")],
                                     in: directory.url)
        #expect(refused.status == 1 && refused.error.contains("lacks the capability 'vjp_w'"), "\(refused.error)")
    }
}
