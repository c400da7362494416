import CommandTestSupport
import Foundation
import Testing

@Suite("Errors about a bundle name its file")
struct BundlePathErrorTests {
    @Test("Editor --to a class the bundle lacks: the message names the bundle's path, not a placeholder")
    func editorNamesBundle() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = packageRoot.appendingPathComponent("Fuzz/Seeds/base.bundle.safetensors").path
        let result = try runProduct("Editor", ["--bundle", bundle, "--to", "no-such-class", "--count", "2", "--out", directory.path("e")])
        #expect(result.status == 1)
        #expect(result.error.contains("\(bundle): attribute "), "\(result.error)")
        #expect(!result.error.contains("<bundle>"), "\(result.error)")
    }
}
