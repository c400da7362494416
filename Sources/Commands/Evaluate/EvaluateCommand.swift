import ArgumentParser
import CommandSupport
import Evaluation
import Diagnostics
import Foundation
import Generator
import NumericCore

/// `Evaluate`: the disentanglement benchmark of GradCtrl against InterFaceGAN, GANSpace and SeFa.
@main
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Evaluate",
        abstract: "Benchmark GradCtrl against InterFaceGAN, GANSpace, SeFa and TCA on the embedded generator or a worker's.",
        discussion: """
            Trains GradCtrl's bundle for each target attribute (as Trainer does) and InterFaceGAN's linear \
            boundaries, finds GANSpace's, SeFa's and TCA's directions (TCA as `Discover tca --block 1`: its mode-wise components and its multilinear products), then edits held-out latents toward each target \
            with all nine methods over a sweep of path lengths, renders the final images and judges them with \
            the built-in image labellers: target success, each other label kept, mean |z| and pixel change. \
            Writes evaluation.md, evaluation.csv, <attribute>-to-<class>.pareto.png and \
            <attribute>-to-<class>.examples.png into --out, GradCtrl's bundles into --out/bundles.

            With --generator SPEC the whole benchmark runs on your generator: the dataset is sampled and labelled \
            through the worker (--dataset-count samples), and the baselines adapt to what the worker offers: \
            GANSpace takes the principal axes of w in "space": "w" and of block 1's activations otherwise, SeFa \
            needs its 'latent_weight', TCA its 'activations', the image oracle 'vjp' (or 'vjp_w'); the report says \
            which were left out. Unless --lengths is given, the default lengths are scaled by the worker's mean \
            latent norm over \(DCGANGenerator.typicalLatentNorm) (the embedded prior's), and the report goes into \
            \(EvaluationOptions().outputFolder)/<generator> unless --out says otherwise.

            Examples:
              swift run -c release Evaluate
              swift run -c release Evaluate \\
                  --attributes color:green,color:blue,lightness --count 200 --seed 0 \\
                  --lengths 1,2,3,4,6,8,10,12 --out reports/evaluation
              swift run -c release Evaluate --attributes color:green --lengths 2,4,6,8 \\
                  --out /tmp/quick
              swift run -c release Evaluate --attributes light_side --lengths 1,2,3,4,5,6
              swift run -c release Evaluate \\
                  --manifolds checkpoints/manifolds-linear-ge2e-k8-s0.safetensors
              swift run -c release Evaluate --attributes light_side:left \\
                  --generator tools/workers/stylegan_standin.json --dataset-count 2000
            """)

    @Option(help: "Edit targets, comma-separated: attribute:class, or attribute for every class (both directions of a binary one).")
    var attributes = CommaList(EvaluationOptions().targets)
    @Option(help: "Held-out latents edited per target.") var count = EvaluationOptions().count
    @Option(help: "Seed of the dataset, the training and every latent drawn.") var seed = EvaluationOptions().seed
    @Option(help: ArgumentHelp("Total path lengths, comma-separated, ascending (default \(EvaluationOptions().lengths.map { String(format: "%g", $0) }.joined(separator: ",")); scaled for a worker's latent space).",
                               valueName: "lengths"))
    var lengths: CommaList<Float>?
    @Option(help: "Steps per path.") var steps = EvaluationOptions().steps
    @Option(help: "GANSpace components, SeFa eigenvectors and TCA components per mode and products to choose each target's direction from.")
    var components = EvaluationOptions().candidateComponents
    @Option(help: ArgumentHelp("Output folder (default \(EvaluationOptions().outputFolder), or \(EvaluationOptions().outputFolder)/<generator> with --generator).", valueName: "folder"))
    var out: String?
    @Option(name: .customLong("dataset-count"), help: "Samples in the dataset the classifiers and boundaries learn from.")
    var datasetCount = EvaluationOptions().datasetCount
    @OptionGroup var generatorWorker: GeneratorWorkerOption
    @Option(help: "A directions file from `Discover manifolds` to compare as well (its best direction per target, as for GANSpace).")
    var manifolds: String?

    func validate() throws {
        try requireList(attributes, flag: "--attributes")
        if let lengths { try requireList(lengths, flag: "--lengths") }
        guard (100...1_000_000).contains(datasetCount) else {
            throw FlagError("--dataset-count must be in 100...1000000, got \(datasetCount)")
        }
    }


    func run() throws {
        var options = EvaluationOptions()
        options.targets = attributes.values
        options.count = count
        options.seed = seed
        options.steps = steps
        options.candidateComponents = components
        options.datasetCount = datasetCount
        options.manifoldDirections = manifolds
        options.commandLine = (["swift run -c release Evaluate"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let worker = try generatorWorker.loadWorker()
        defer { generatorWorker.stop(worker) }
        let generator: any LatentGenerator = try worker ?? DCGANGenerator.embedded()
        options.outputFolder = out ?? (worker.map { "\(options.outputFolder)/\($0.identifier)" } ?? options.outputFolder)
        if let lengths {
            options.lengths = lengths.values
        } else if let worker {
            var random = RandomSource(seed: seed ^ 0x4E4F_524D)
            let norm = try worker.drawPrior(count: 256, random: &random).meanRowNorm
            let scale = Float(norm / DCGANGenerator.typicalLatentNorm)
            // Two significant figures: the lengths label the charts' points, where long labels collide.
            options.lengths = options.lengths.map { length in
                let unit = Float(pow(10, floor(log10(Double(length * scale))) - 1))
                return (length * scale / unit).rounded() * unit
            }
            printError(String(format: "%@: mean latent norm %.3f over 256 draws, so lengths %@", worker.identifier, norm,
                              options.lengths.map { String(format: "%g", $0) }.joined(separator: ",")))
        }
        let start = Date()
        let outcome = try runEvaluation(options, generator: generator, log: printError)
        for target in outcome.targets {
            print("\(target.attribute) -> \(target.className) (\(target.latentCount) latents): method, length: success, mean kept")
            for point in target.points {
                let label = "\(point.method) \(point.length)".padding(toLength: 26, withPad: " ", startingAt: 0)
                print(String(format: "  %@ %.3f  %.3f", label, point.successRate, point.meanUnchanged))
            }
        }
        outcome.files.forEach { print("wrote \($0)") }
        print(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
    }
}
