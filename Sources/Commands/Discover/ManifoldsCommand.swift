import ArgumentParser
import CommandSupport
import Discovery
import Foundation
import Generator
import GeneratorBridge
import Manifolds
import NumericCore
import Diagnostics

/// `Discover manifolds`: learned latent paths with a reconstructor and a centroid loss (Lu et al. 2020,
/// reconstructed from the abstract and references; Voynov & Babenko 2020 with `--centroid none`).
struct ManifoldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifolds",
        abstract: "Learn K latent directions (or curved paths) that a reconstructor can tell apart from image pairs.",
        discussion: """
            Reconstructed from the abstract and references of Lu, Lee, Tseng & Yang, "Unsupervised Discovery of \
            Disentangled Manifolds in GANs" (2020); no code or paper body was available. T maps ε·e_k to a latent \
            shift of length |ε| (--transform linear: a matrix of unit directions; mlp: a tanh MLP with T(0) = 0, \
            curved paths). R, a small CNN on the channel-stacked pair (G(z), G(z + T(ε e_k))), predicts k, ε and \
            an embedding. Loss: cross-entropy on k + --shift-weight·|ε̂ - ε| + --centroid-weight·centroid loss \
            (ge2e: softmax over cosine similarities to the batch's per-direction centroids; center: distance to \
            running centres; none: Voynov & Babenko's method). G stays frozen; T and R train with Adam through \
            G's backward pass, one slice of each batch per core.

            Writes to --out: <name>.safetensors (the directions; readable with numpy), <name>.grid.png (every \
            direction for one face, ε from -ε_max to +ε_max), <name>.grids/direction-NN.png, <name>.md (figures \
            and the naming table: each direction re-scored with the built-in labellers and named \
            <attribute>.<class> as Discover tca names its directions; ids M0, M1, … in every grid and table), <name>.metrics.json, and \
            the training checkpoint <name>.training.safetensors, rewritten every --checkpoint-minutes. --resume \
            continues from it and ends with the same bytes as an uninterrupted run; the same seed gives the same \
            files.

            Examples:
              swift run -c release Discover manifolds
              swift run -c release Discover manifolds --centroid none \\
                  --name voynov-babenko
              swift run -c release Discover manifolds --transform mlp --steps 2000
              swift run -c release Discover manifolds --resume
              swift run -c release Discover manifolds \\
                  --generator tools/workers/stylegan2_ada.example.json

            With --generator SPEC the worker renders the pairs and backpropagates through its own generator \
            (its 'vjp' capability, or 'vjp_w' for a style-based worker in "space": "w"); unless --epsilon-max \
            and --min-shift are given, their defaults are scaled by the worker's mean latent norm over \
            \(DCGANGenerator.typicalLatentNorm) (the embedded prior's), and the files go into \
            discovered/<generator> unless --out says otherwise.
            """)

    @Option(name: .long, help: "Number of directions K.")
    var directions = ManifoldConfiguration.standard.directions
    @Option(name: .long, help: "T: linear or mlp.")
    var transform = ManifoldConfiguration.standard.transform
    @Option(name: .long, help: "Hidden width of the MLP transform.")
    var hidden = ManifoldConfiguration.standard.hidden
    @Option(name: .long, help: "Centroid loss: ge2e, center or none.")
    var centroid = ManifoldConfiguration.standard.centroidLoss
    @Option(name: .customLong("centroid-weight"), help: "Weight of the centroid loss.")
    var centroidWeight = ManifoldConfiguration.standard.centroidWeight
    @Option(name: .customLong("shift-weight"), help: "Weight of |ε̂ - ε|.")
    var shiftWeight = ManifoldConfiguration.standard.shiftWeight
    @Option(name: .long, help: "Training steps.")
    var steps = ManifoldConfiguration.standard.steps
    @Option(name: .long, help: "Pairs per step.")
    var batch = ManifoldConfiguration.standard.batch
    @Option(name: .long, help: "Seed of every random choice.")
    var seed = ManifoldConfiguration.standard.seed
    @Option(name: .customLong("transform-lr"), help: "Adam's learning rate for T.")
    var transformLearningRate = ManifoldConfiguration.standard.transformLearningRate
    @Option(name: .customLong("reconstructor-lr"), help: "Adam's learning rate for R.")
    var reconstructorLearningRate = ManifoldConfiguration.standard.reconstructorLearningRate
    @Option(name: .customLong("epsilon-max"), help: ArgumentHelp("ε is drawn uniformly from [-ε_max, ε_max]; grids span the same range (default \(ManifoldConfiguration.standard.shiftScale), scaled for a worker's latent space).", valueName: "float"))
    var shiftScale: Float?
    @Option(name: .customLong("min-shift"), help: ArgumentHelp("Smallest |ε| drawn (default \(ManifoldConfiguration.standard.minShift), scaled likewise).", valueName: "float"))
    var minShift: Float?
    @Option(name: .long, help: "Channels of R's first convolution.")
    var width = ManifoldConfiguration.standard.width
    @Option(name: .long, help: "Size of R's embedding.")
    var embedding = ManifoldConfiguration.standard.embedding

    @Option(name: .customLong("held-out"), help: "Held-out pairs for the direction accuracy.")
    var heldOut = ResultSettings.standard.heldOutPairs
    @Option(name: .customLong("evaluation-latents"), help: "Latents for consistency, smoothness and naming.")
    var evaluationLatents = ResultSettings.standard.latents
    @Option(name: .customLong("grid-columns"), help: "Magnitudes per traversal (odd).")
    var gridColumns = ResultSettings.standard.traversalSteps

    @Option(name: .long, help: ArgumentHelp("Output folder (default \(TCAJobOptions().outputFolder), or \(TCAJobOptions().outputFolder)/<generator> with --generator; the shipped run in checkpoints/ is never written over by default).", valueName: "folder"))
    var out: String?
    @OptionGroup var generatorWorker: GeneratorWorkerOption
    @Option(name: .long, help: "Stem of the output files (default manifolds-<transform>-<centroid>-k<K>-s<seed>).")
    var name: String?
    @Flag(name: .long, help: "Continue from <out>/<name>.training.safetensors (only --steps may differ).")
    var resume = false
    @Option(name: .customLong("checkpoint-minutes"), help: "Minutes between training checkpoints.")
    var checkpointMinutes: Double = 3
    @Option(name: .customLong("log-every"), help: "Steps between progress lines on stderr.")
    var logEvery = 25

    func validate() throws {
        if let problem = configuration.problem { throw FlagError(problem) }
        if let name, name.isEmpty || name.contains("/") || name.hasPrefix(".") || name.contains("\0") {
            throw FlagError("--name must be a plain file name (no '/', not starting with '.'), got '\(name)'")
        }
        guard heldOut >= 1 && heldOut <= 100_000 else { throw FlagError("--held-out must be in 1...100000, got \(heldOut)") }
        guard evaluationLatents >= 2 && evaluationLatents <= 4096 else {
            throw FlagError("--evaluation-latents must be in 2...4096, got \(evaluationLatents)")
        }
        guard gridColumns >= 3 && gridColumns <= 31 && gridColumns % 2 == 1 else {
            throw FlagError("--grid-columns must be odd and in 3...31, got \(gridColumns)")
        }
        guard checkpointMinutes > 0 && checkpointMinutes.isFinite else {
            throw FlagError("--checkpoint-minutes must be positive, got \(checkpointMinutes)")
        }
        guard logEvery >= 1 else { throw FlagError("--log-every must be at least 1, got \(logEvery)") }
    }

    var configuration: ManifoldConfiguration {
        ManifoldConfiguration(directions: directions, transform: transform, hidden: hidden, centroidLoss: centroid,
                              centroidWeight: centroidWeight, shiftWeight: shiftWeight, steps: steps, batch: batch,
                              seed: seed, transformLearningRate: transformLearningRate,
                              reconstructorLearningRate: reconstructorLearningRate,
                              shiftScale: shiftScale ?? ManifoldConfiguration.standard.shiftScale,
                              minShift: minShift ?? ManifoldConfiguration.standard.minShift, width: width, embedding: embedding)
    }

    func run() throws {
        let worker = try generatorWorker.loadWorker()
        defer { generatorWorker.stop(worker) }
        try worker?.require(worker?.spec.space == .w ? "vjp_w" : "vjp", for: "learning directions (Discover manifolds)")
        let generator: any LatentGenerator = try worker ?? DCGANGenerator.embedded()
        var c = configuration
        if let worker, shiftScale == nil || minShift == nil {
            var random = RandomSource(seed: c.seed ^ 0x4E4F_524D)
            let norm = try worker.drawPrior(count: 256, random: &random).meanRowNorm
            let scaled = c.scaled(toMeanLatentNorm: norm)
            c.shiftScale = shiftScale ?? scaled.shiftScale
            c.minShift = minShift ?? min(scaled.minShift, c.shiftScale)
            printError(String(format: "%@: mean latent norm %.3f over 256 draws, so ε_max %.4g and min shift %.4g", worker.identifier, norm, c.shiftScale, c.minShift))
        }
        let folder = out ?? (worker.map { "\(TCAJobOptions().outputFolder)/\($0.identifier)" } ?? TCAJobOptions().outputFolder)
        let files = ManifoldRunFiles(folder: folder, name: name ?? "manifolds-\(c.transform.rawValue)-\(c.centroidLoss.rawValue)-k\(c.directions)-s\(c.seed)")
        var trainer: ManifoldTrainer
        if resume {
            guard FileManager.default.fileExists(atPath: files.training) else {
                throw FlagError("--resume: \(files.training) does not exist")
            }
            trainer = try TrainingCheckpoint.resume(from: files.training, configuration: c, generator: generator)
            printError("resuming \(files.training) at step \(trainer.step) of \(c.steps)")
        } else {
            trainer = try ManifoldTrainer(configuration: c, generator: generator)
        }
        let log = TrainingLog(total: c.steps, every: logEvery, start: trainer.step)
        try trainer.run(checkpointInterval: checkpointMinutes * 60,
                        checkpoint: { try TrainingCheckpoint.write($0, to: files.training) },
                        progress: log.record)
        if trainer.step > log.start { printError(log.summary) }
        let metrics = try writeResults(trainer, files: files,
                                       settings: ResultSettings(heldOutPairs: heldOut, latents: evaluationLatents,
                                                                traversalSteps: gridColumns, gridRows: 4),
                                       command: (["Discover"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                                       progress: { printError($0) })
        print(String(format: "direction accuracy on %d held-out pairs: %.3f; consistency %.3f; roughness %.3f",
                     metrics.heldOutPairs, metrics.heldOutAccuracy, metrics.quality.meanConsistency,
                     metrics.quality.meanRoughness))
        print("names: " + metrics.names.map { "\($0.id)=\($0.name)" }.joined(separator: ", "))
        print("wrote \(files.directions), \(files.overview), \(files.grids)/, \(files.report)")
    }
}

extension TransformKind: ExpressibleByArgument {}
extension CentroidLossKind: ExpressibleByArgument {}
