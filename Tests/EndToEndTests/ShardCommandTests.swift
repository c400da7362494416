import CommandTestSupport
import Foundation
import Testing

/// `Dataset sample --shard K/N` and `Dataset merge`: the parts of a run, made apart and joined, are the run.
@Suite("Sampling in shards and merging them")
struct ShardCommandTests {
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("three shards merged give the bytes of one run; stored images are renumbered")
    func shardsMergeToOneRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let whole = try runProduct("Dataset", ["sample", "--count", "31", "--seed", "6", "--save-images", "--out", directory.path("whole")])
        #expect(whole.status == 0, "\(whole.error)")
        for k in 1...3 {
            // Each part with another batch size: the bytes do not depend on it.
            let part = try runProduct("Dataset", ["sample", "--count", "31", "--seed", "6", "--shard", "\(k)/3", "--batch", "\(3 + k)",
                                                  "--save-images", "--out", directory.path("part\(k)")])
            #expect(part.status == 0, "\(part.error)")
        }
        let merge = try runProduct("Dataset", ["merge", directory.path("part3"), directory.path("part1"), directory.path("part2"),
                                               "--out", directory.path("merged")])
        #expect(merge.status == 0, "\(merge.error)")
        for file in ["latents.npy", "labels.csv", "scores.npy", "manifest.json", "images/000000.png", "images/000010.png",
                     "images/000030.png"] {
            #expect(try Self.bytes(directory.path("whole/\(file)")) == Self.bytes(directory.path("merged/\(file)")), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("merged/images/000031.png")))
        // A shard is not a whole dataset: its manifest says which part it is.
        let manifest = try String(contentsOfFile: directory.path("part2/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"shard\"") && manifest.contains("\"first\" : 10"))
    }

    @Test("a missing, repeated or foreign shard is refused in one line; nothing is written")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        for (k, seed) in [(1, 6), (2, 6), (2, 7)] {
            let part = try runProduct("Dataset", ["sample", "--count", "12", "--seed", "\(seed)", "--shard", "\(k)/2",
                                                  "--out", directory.path("s\(seed)-\(k)")])
            #expect(part.status == 0, "\(part.error)")
        }
        let cases: [([String], String)] = [
            ([directory.path("s6-1")], "shard 2/2 is missing"),
            ([directory.path("s6-1"), directory.path("s6-1")], "holds shard 1/2, as"),
            ([directory.path("s6-1"), directory.path("s7-2")], "is not a shard of the same run"),
        ]
        for (folders, expected) in cases {
            let result = try runProduct("Dataset", ["merge"] + folders + ["--out", directory.path("merged")])
            #expect(result.status != 0)
            #expect(result.error.contains(expected), "\(result.error)")
            #expect(result.error.split(separator: "\n").count == 1, "\(result.error)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("merged")))
        }
        let bad = try runProduct("Dataset", ["sample", "--count", "12", "--shard", "3/2", "--out", directory.path("x")])
        #expect(bad.status != 0 && bad.error.contains("--shard: '3/2' is not K/N"), "\(bad.error)")
    }
}
