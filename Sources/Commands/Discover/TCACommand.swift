import ArgumentParser
import CommandSupport
import Discovery
import Foundation
import Diagnostics
import Generator

/// `Discover tca`: Tensor Component Analysis of a block's activations.
struct TCACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tca",
        abstract: "Tensor Component Analysis (Oldfield et al., BMVC 2021) of one block of the generator.",
        discussion: """
            Samples latents, decomposes the block's activations before its ReLU (channel × height × width) by \
            multilinear PCA (one pass at full ranks; alternating sweeps at reduced ranks), trains a Tucker-structured \
            regression from the activations back to z (Adam on fresh batches), and turns the leading components of \
            each mode (the other modes left whole) and the leading multilinear products into latent directions. \
            Every direction is re-scored with the built-in labellers (and named <attribute>.<class>, the class \
            its + side moves toward, when one attribute clearly dominates: the names Discover manifolds gives too) \
            and measured for geometry (global shift by phase correlation) against style (mean colour \
            change). Writes into --out: tca-block<B>.directions.safetensors, tca-block<B>-channel.png, -height.png, \
            -width.png and -products.png (a row per direction, columns −3σ … +3σ) and the report tca-block<B>.md.

            With --generator SPEC the blocks are the worker's (its 'activations' capability; a style-based \
            worker in "space": "w" is decomposed and regressed back to w), and the files go into \
            discovered/<generator> unless --out says otherwise.

            Examples:
              swift run -c release Discover tca --block 1
              swift run -c release Discover tca --block 2 --out discovered --seed 3
              swift run -c release Discover tca --block 1 --ranks 32,4,4 --samples 4000
              swift run -c release Discover tca --block 2 \\
                  --generator tools/workers/stylegan_standin.json
            """)

    @Option(help: "The block whose activations are decomposed: 1 (512×4×4) … 4 for the embedded generator; a worker declares its own.") var block = 1
    @Option(help: "Latents whose activations give the bases.") var samples = TCAOptions().sampleCount
    @Option(help: "Ranks kept per mode: channel,height,width (default: full, one pass).") var ranks: CommaList<Int>?
    @Option(help: "Alternating sweeps after the first pass when a rank is reduced.") var sweeps = TCAOptions().sweeps
    @Option(name: .customLong("regression-rank"), help: "The regression's Tucker rank on the channel mode.") var regressionRank = TCAOptions().regressionChannelRank
    @Option(help: "Adam iterations of the regression.") var iterations = TCAOptions().training.iterations
    @Option(name: .customLong("learning-rate"), help: "Adam's initial learning rate (decayed along a half cosine to 0 unless --constant-rate).") var learningRate = TCAOptions().training.learningRate
    @Flag(name: .customLong("constant-rate"), help: "Keep the learning rate constant, as TCA's code does.") var constantRate = false
    @Option(name: .customLong("batch-size"), help: "Fresh latents per regression iteration.") var batchSize = TCAOptions().training.batchSize
    @Option(help: "The weight λ of the regression's penalty on core and factors.") var penalty = TCAOptions().training.penaltyWeight
    @Option(help: "Components per mode turned into directions.") var components = TCAOptions().componentsPerMode
    @Option(help: "Multilinear products turned into directions.") var products = TCAOptions().products
    @Option(name: .customLong("naming-latents"), help: "Latents on which every direction is re-scored and measured.") var namingLatents = TCAJobOptions().namingLatents
    @Option(help: "Seed of every random stream; the same seed gives the same bytes.") var seed: UInt64 = 0
    @Option(help: ArgumentHelp("Output folder (default: \(TCAJobOptions().outputFolder), or \(TCAJobOptions().outputFolder)/<generator> with --generator).",
                               valueName: "folder")) var out: String?
    @OptionGroup var generatorWorker: GeneratorWorkerOption

    func validate() throws {
        guard (1...64).contains(block) else { throw FlagError("--block must be 1 to 64 (the embedded generator has 4), got \(block)") }
        guard samples >= 2, iterations >= 1, batchSize >= 1, components >= 1, products >= 0, namingLatents >= 1,
              regressionRank >= 1, sweeps >= 0 else {
            throw FlagError("--samples must be at least 2; --iterations, --batch-size, --components, --naming-latents and --regression-rank at least 1; --products and --sweeps not negative")
        }
        guard learningRate > 0, learningRate.isFinite, penalty >= 0, penalty.isFinite else {
            throw FlagError("--learning-rate must be positive and --penalty not negative")
        }
        try requireList(ranks, flag: "--ranks")
        if let ranks, ranks.values.count != 3 || ranks.values.contains(where: { $0 < 1 }) {
            throw FileError(path: "--ranks", problem: "takes three positive whole numbers channel,height,width, got \(ranks.values.map(String.init).joined(separator: ","))")
        }
    }

    func run() throws {
        var options = TCAJobOptions()
        options.tca.block = block
        options.tca.sampleCount = samples
        options.tca.ranks = ranks?.values
        options.tca.sweeps = sweeps
        options.tca.regressionChannelRank = regressionRank
        options.tca.training = .init(learningRate: learningRate, batchSize: batchSize, penaltyWeight: penalty,
                                     iterations: iterations, cosineDecay: !constantRate)
        options.tca.componentsPerMode = components
        options.tca.products = products
        options.tca.seed = seed
        options.namingLatents = namingLatents
        let worker = try generatorWorker.loadWorker()
        defer { generatorWorker.stop(worker) }
        try worker?.require("activations", for: "TCA (Discover tca)")
        let generator: any BlockActivationsGenerator = try worker ?? DCGANGenerator.embedded()
        guard block <= generator.blockCount else {
            throw FlagError("--block must be 1 to \(generator.blockCount) for \(generator.identifier), got \(block)")
        }
        options.outputFolder = out ?? (worker.map { "\(options.outputFolder)/\($0.identifier)" } ?? options.outputFolder)
        options.commandLine = (["Discover"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let start = Date()
        let outcome = try runTCAJob(options, generator: generator, log: printError)
        for file in outcome.files { print(file) }
        print(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
    }
}
