import CommandTestSupport
import Foundation
import Testing

/// `Curate serve --generator SPEC`: the page shows the images of a dataset sampled through a worker, rendered by
/// that worker; a worker of another generator is refused in one line.
@Suite("Curation with a generator worker", .serialized)
struct WorkerCurationTests {
    @Test("the page's images come from the dataset's own worker")
    func workerImages() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let spec = packageRoot.appendingPathComponent("tools/workers/stylegan_standin.json").path
        let folder = directory.path("w-set")
        let sample = try runProduct("Dataset", ["sample", "--generator", spec, "--count", "20", "--labellers", "none", "--out", folder])
        #expect(sample.status == 0, "\(sample.error)")
        let server = try CurateServerProcess(["--dataset", folder, "--attribute", "texture", "--classes", "smooth,busy",
                                              "--generator", spec], scratch: directory)
        defer { server.stop(SIGTERM) }
        #expect(!server.firstLines.contains("No images to show"), "\(server.firstLines)")
        let image = try rawHTTP(port: server.port, "GET /image/3.png HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(image.status == 200)
        // Another generator's worker is refused before the page starts.
        let numpy = packageRoot.appendingPathComponent("tools/workers/numpy_dcgan.json").path
        let refused = try runProduct("Curate", ["serve", "--dataset", folder, "--attribute", "texture", "--classes", "smooth,busy",
                                                "--generator", numpy, "--port", "0"])
        #expect(refused.status == 1)
        #expect(refused.error.contains("--generator: the worker serves dcgan-digiface-64 (D = 100), but"), "\(refused.error)")
    }
}
