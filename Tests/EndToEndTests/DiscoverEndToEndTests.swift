import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

@Suite struct DiscoverEndToEndTests {
    /// A small, fast `Discover tca` run.
    static let quick = ["tca", "--block", "1", "--samples", "200", "--iterations", "30", "--naming-latents", "4",
                        "--components", "2", "--products", "1"]

    @Test func discoverWritesTheSameBytesForASeedAndTheEditorAppliesItsDirections() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let first = try runProduct("Discover", Self.quick + ["--out", folder.path("a")])
        try #require(first.status == 0, "Discover failed: \(first.error)")
        let second = try runProduct("Discover", Self.quick + ["--out", folder.path("b")])
        try #require(second.status == 0, "Discover failed: \(second.error)")
        let names = ["tca-block1.directions.safetensors", "tca-block1-channel.png", "tca-block1-height.png",
                     "tca-block1-width.png", "tca-block1-products.png"]
        for name in names {
            let (a, b) = (try Data(contentsOf: folder.url.appendingPathComponent("a/\(name)")),
                          try Data(contentsOf: folder.url.appendingPathComponent("b/\(name)")))
            #expect(a == b, "\(name) differs between two runs with the same seed")
        }
        let report = try String(contentsOfFile: folder.path("a/tca-block1.md"), encoding: .utf8)
        #expect(report.contains("| C1 |") && report.contains("Verdict"))
        // The columns a reader cannot guess are explained, a sentence each.
        #expect(report.contains("**σ (latent)** is the latent length of one standard deviation of the edit"))
        #expect(report.contains("**reachable** is the share ‖PΔ‖²/‖Δ‖²"))
        #expect(report.contains("**label** is `<attribute>.<class>`"))

        let file = folder.path("a/tca-block1.directions.safetensors")
        let edit = try runProduct("Editor", ["--directions", file, "--component", "H2", "--count", "3", "--steps", "4",
                                             "--strength", "2", "--out", folder.path("edits")])
        try #require(edit.status == 0, "Editor failed: \(edit.error)")
        for side in ["plus", "minus"] {
            let path = try readNpyTensor(folder.path("edits/H2-to-\(side).npy"))
            #expect(path.shape == [3, 5, 100])
            // Straight and evenly spaced: each step is the same vector.
            for row in 0..<3 { for j in 0..<100 {
                let step = path.storage[(row * 5 + 1) * 100 + j] - path.storage[(row * 5) * 100 + j]
                let last = path.storage[(row * 5 + 4) * 100 + j] - path.storage[(row * 5 + 3) * 100 + j]
                #expect(abs(step - last) < 1e-5)
            } }
            #expect(FileManager.default.fileExists(atPath: folder.path("edits/H2-to-\(side).png")))
        }
        #expect(FileManager.default.fileExists(atPath: folder.path("edits/contact-sheet.png")))

        // A truncated file and an unknown component: one line, non-zero exit, nothing written.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let truncated = folder.path("truncated.safetensors")
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated))
        for (arguments, expected) in [(["--directions", truncated, "--component", "C1"], truncated + ": "),
                                      (["--directions", file, "--component", "Z9"], "no direction with id or label 'Z9'")] {
            let bad = try runProduct("Editor", arguments + ["--out", folder.path("bad")])
            #expect(bad.status != 0)
            #expect(bad.error.contains(expected), "\(bad.error)")
            #expect(bad.error.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(bad.error)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("bad")))
        }
    }
}
