import ArgumentParser
import CommandSupport
import Dataset
import Diagnostics
import Foundation

/// `Dataset merge`: the shards of one run, joined.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shards of one run (Dataset sample --shard K/N) into the dataset of the whole run.",
        discussion: """
            Give every shard's folder, in any order. The result has the same latents.npy, labels.csv, \\
            scores.npy and manifest.json, byte for byte, as sampling the whole run in one go, and stored images \\
            are renumbered. Refused in one line when a shard is missing, repeated, or from another run \\
            (generator, seed, labellers or count). docs/scaling.md shows a Slurm job array that makes the shards.

            Examples:
              swift run Dataset merge data/mine-n90000-s0-shard*of3 \\
                  --out data/mine-n90000-s0
            """)

    @Argument(help: "The shards' folders.")
    var shards: [String] = []

    @Option(name: .long, help: "Output folder (default: the run's folder, data/<generator>-n<count>-s<seed>).")
    var out: String?

    @Flag(name: .long, help: "Replace an existing folder at --out even if it holds hand labels or other files.")
    var force = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the folders of the shards to merge") }
    }

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        let first = try LabelledDataset.load(from: shards[0]).manifest
        guard let shard = first.shard, let seed = first.seed else {
            throw FileError(path: shards[0], problem: "is not a shard (its manifest has no \"shard\"): make shards with Dataset sample --shard K/N")
        }
        let folder = out ?? DatasetFiles.defaultFolder(generator: first.generator, count: shard.total, seed: seed)
        if !force, let problem = replacementProblem(at: folder) {
            throw FileError(path: folder, problem: "\(problem); pass --force to replace it, or choose another --out")
        }
        let merged = try mergeShards(shards, into: folder)
        print("merged \(shards.count) shards, \(merged.count) samples, into \(folder)")
    }
}
