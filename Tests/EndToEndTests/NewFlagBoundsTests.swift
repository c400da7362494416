import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

/// Hostile values for the flags this workbench added for workers, W+ layers and shards: one line, exit 1, nothing
/// written.
@Suite("New flags at their bounds")
struct NewFlagBoundsTests {
    @Test("--layers, --shard, --wplus-layer, --generator and merge refuse zero, negative, huge and path-like values")
    func hostileValues() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let out = directory.path("out")
        let wplus = directory.path("w.npy")
        try writeNpy(Tensor(shape: [2, 3, 4], storage: (0..<24).map { Float($0) }), to: wplus)
        let cases: [(String, [String], String)] = [
            ("Trainer", ["--attribute", "a", "--layers", "5:2", "--out", out], "--layers takes lo:hi"),
            ("Trainer", ["--attribute", "a", "--layers=-1:3", "--out", out], "--layers takes lo:hi"),
            ("Trainer", ["--attribute", "a", "--layers", "0:99999999999999999999", "--out", out], "--layers takes lo:hi"),
            ("Editor", ["--bundle", "b", "--layers", "0:0", "--out", out], "--layers takes lo:hi"),
            ("Editor", ["--bundle", "b", "--layers", "../2", "--out", out], "--layers takes lo:hi"),
            ("Dataset", ["sample", "--count", "10", "--shard", "0/3", "--out", out], "--shard: '0/3' is not K/N"),
            ("Dataset", ["sample", "--count", "10", "--shard=-1/3", "--out", out], "is not K/N"),
            ("Dataset", ["sample", "--count", "10", "--shard", "1/0", "--out", out], "is not K/N"),
            ("Dataset", ["sample", "--count", "10", "--shard", "1/99999999", "--out", out], "--shard"),
            ("Dataset", ["import-latents", "--latents", wplus, "--wplus-layer", "-1", "--out", out], "--wplus-layer"),
            ("Dataset", ["import-latents", "--latents", wplus, "--wplus-layer", "3", "--out", out], "--wplus-layer"),
            ("Dataset", ["sample", "--count", "4", "--generator", "../no/such/spec.json", "--out", out], "../no/such/spec.json"),
            ("Dataset", ["merge", "--out", out], "give the folders of the shards"),
            ("Evaluate", ["--dataset-count", "0", "--out", out], "--dataset-count must be in 100...1000000, got 0"),
            ("Evaluate", ["--dataset-count=-5", "--out", out], "--dataset-count must be in 100...1000000"),
            ("Evaluate", ["--dataset-count", "99999999999", "--out", out], "--dataset-count must be in 100...1000000"),
            ("Evaluate", ["--generator", "../no/such/spec.json", "--count", "2", "--out", out], "../no/such/spec.json"),
            ("Evaluate", ["--dataset", "../no/such/set", "--count", "2", "--out", out], "../no/such/set: no such folder"),
            ("Evaluate", ["--dataset", wplus, "--count", "2", "--out", out], "\(wplus): no manifest.json (not a dataset folder)"),
            ("Discover", ["tca", "--block", "0", "--out", out], "--block must be 1 to 64"),
            ("Discover", ["tca", "--block", "65", "--out", out], "--block must be 1 to 64"),
            ("Discover", ["tca", "--generator", "../no/such/spec.json", "--out", out], "../no/such/spec.json"),
            ("Discover", ["manifolds", "--epsilon-max", "0", "--out", out], "shift scale must be in (0, 100]"),
            ("Discover", ["manifolds", "--epsilon-max=-1", "--out", out], "shift scale must be in (0, 100]"),
            ("Discover", ["manifolds", "--min-shift", "1e9", "--out", out], "min shift must be in [0, shift scale]"),
            ("Editor", ["--bundle", "b", "--no-stop", "--stop-at", "0.5", "--out", out], "give --stop-at P or --no-stop, not both"),
        ]
        for (product, arguments, expected) in cases {
            let result = try runProduct(product, arguments, in: directory.url)
            #expect(result.status != 0, "\(product) \(arguments)")
            #expect(result.error.contains(expected), "\(product) \(arguments): \(result.error)")
            #expect(!result.error.contains("Fatal error"), "\(product) \(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: out), "nothing written")
    }
}
