import ArgumentParser
import CommandSupport
import Dataset
import Diagnostics
import Foundation
import Generator
import Labellers

/// `Dataset sample`: latents from the prior, rendered and labelled automatically.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Sample latents from the generator's prior and label their images with built-in labellers.",
        discussion: """
            Draws --count latents with --seed, renders them in batches (memory stays flat) and labels each \
            image. Labellers (see Sources/Dataset/Dataset.docc/Dataset.md): color (border colour: dark, neutral, warm, green, \
            blue), lightness (face luma: dark, light), light_side (right, left), background (border luma: dim, \
            bright). The same seed gives byte-identical files, whatever --batch and on any x86-64 CPU; the first n \
            samples of a larger run equal a run of n. The folder is written atomically: an interrupted run leaves no partial dataset, and the old \
            folder stays in place until the new one is complete. A folder holding hand labels or other files \
            (such as curation/) is not replaced without --force.

            Examples:
              swift run -c release Dataset sample --count 5000 --seed 1
              swift run -c release Dataset sample --count 100000 --shard 3/8 \\
                  --generator my-gan.json
              swift run Dataset sample --count 200 --labellers color,lightness \\
                  --save-images --out data/small
            """)

    @Option(name: .long, help: "Number of samples.")
    var count: Int = 5000

    @Option(name: .long, help: "Seed of the latents.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Comma-separated labellers, or 'none'.")
    var labellers = CommaList<String>(BuiltInLabellers.all.map(\.name))

    @Option(name: .long, help: "Images rendered at once.")
    var batch: Int = renderBatchSize

    @Option(name: .long, help: "Output folder (default data/<generator>-n<count>-s<seed>).")
    var out: String?

    @Flag(name: .customLong("save-images"), help: "Also store one PNG per sample in images/.")
    var saveImages = false

    @Flag(name: .long, help: "Replace an existing folder at --out even if it holds hand labels or other files.")
    var force = false

    @Option(name: .long, help: ArgumentHelp(
        "Sample only the K-th of N parts of the run (for a cluster job array: one part per task); join the parts with Dataset merge.",
        valueName: "K/N"))
    var shard: ShardChoice?

    @OptionGroup var generatorOptions: GeneratorOptions

    func validate() throws {
        try requireList(labellers, flag: "--labellers")
        try requireInRange(count, 1...maximumSampleCount, "", source: "--count")
        try requireInRange(batch, 1...4096, "", source: "--batch")
        if let problem = shard?.problem { throw FlagError("--shard: \(problem)") }
    }

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        if let out { try refuseToLoseWork(out) }
        let generator = try generatorOptions.load()
        defer { generatorOptions.stop(generator) }
        let names = labellers.values == ["none"] ? [] : labellers.values
        let sampler = try DatasetSampler(generator: generator, labellers: try BuiltInLabellers.named(names),
                                         count: count, seed: seed, batchSize: batch, shard: shard.map { ($0.index, $0.of) })
        let folder = out ?? sampler.shard.map { DatasetFiles.defaultFolder(generator: generator.identifier, count: count, seed: seed, shard: $0) }
            ?? DatasetFiles.defaultFolder(generator: generator.identifier, count: count, seed: seed)
        try refuseToLoseWork(folder)
        let progress = Progress("sampling", total: sampler.samples.count)
        let start = Date()
        let dataset = try sampler.write(to: folder, storeImages: saveImages) { progress.update($0) }
        progress.finish()
        print("wrote \(sampler.samples.count) samples\(sampler.shard.map { " (shard \($0.index)/\($0.of): samples \($0.samples.lowerBound)..<\($0.samples.upperBound) of \(count))" } ?? "") to \(folder) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        print(DatasetStatistics(dataset).report, terminator: "")
    }

    /// Throws unless `folder` can be replaced without losing a person's work, or `--force` says to.
    private func refuseToLoseWork(_ folder: String) throws {
        guard !force, let problem = replacementProblem(at: folder) else { return }
        throw FileError(path: folder, problem: "\(problem); pass --force to replace it, or choose another --out")
    }
}
