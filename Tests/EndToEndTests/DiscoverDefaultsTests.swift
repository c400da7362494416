import CommandTestSupport
import Foundation
import Testing

/// `Discover` writes into its own folder by default, never over the shipped files in `checkpoints/`.
@Suite("Discover with default output leaves checkpoints/ alone", .serialized)
struct DiscoverDefaultsTests {
    /// The bytes of every file under `folder`, by relative path.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files = [String: Data]()
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let entry = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(entry).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[entry] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// A working folder holding a copy of the package's `checkpoints/` (the shipped manifolds run among them).
    func workingCopy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("checkpoints"),
                                         to: directory.url.appendingPathComponent("checkpoints"))
        return directory
    }

    @Test("Discover manifolds with the default K, name and folder writes discovered/, not over the shipped run")
    func manifoldsDefaults() throws {
        let directory = try workingCopy()
        defer { directory.cleanUp() }
        let checkpoints = directory.url.appendingPathComponent("checkpoints")
        let before = try snapshot(checkpoints)
        let shipped = "manifolds-linear-ge2e-k8-s0"
        try #require(before["\(shipped).safetensors"] != nil && before["\(shipped).grid.png"] != nil)
        // Defaults (K = 8, linear, ge2e, seed 0: the shipped run's name) except the sizes, which are small.
        let run = try runProduct("Discover", ["manifolds", "--steps", "1", "--batch", "4", "--width", "2", "--embedding", "8",
                                              "--held-out", "8", "--evaluation-latents", "2", "--grid-columns", "3"],
                                 in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        #expect(try snapshot(checkpoints) == before, "checkpoints/ changed")
        for file in ["\(shipped).safetensors", "\(shipped).grid.png", "\(shipped).md", "\(shipped).metrics.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.path("discovered/\(file)")), "\(file)")
        }
        #expect(run.output.contains("/discovered/\(shipped).safetensors") && !run.output.contains("checkpoints/"), "\(run.output)")
    }

    @Test("Discover tca with the default folder writes discovered/ and leaves checkpoints/ alone")
    func tcaDefaults() throws {
        let directory = try workingCopy()
        defer { directory.cleanUp() }
        let checkpoints = directory.url.appendingPathComponent("checkpoints")
        let before = try snapshot(checkpoints)
        let run = try runProduct("Discover", DiscoverEndToEndTests.quick, in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        #expect(try snapshot(checkpoints) == before, "checkpoints/ changed")
        #expect(FileManager.default.fileExists(atPath: directory.path("discovered/tca-block1.directions.safetensors")))
    }
}
