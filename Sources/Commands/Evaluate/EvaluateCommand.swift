import ArgumentParser
import CommandSupport
import Evaluation
import Diagnostics
import Foundation
import Generator
import MainJob
import NumericCore

/// `Evaluate`: the disentanglement benchmark of GradCtrl against InterFaceGAN, GANSpace and SeFa.
@main
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Evaluate",
        abstract: "Benchmark GradCtrl against InterFaceGAN, GANSpace, SeFa and TCA on the embedded generator, a worker's or a dataset's attributes.",
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

            With --dataset FOLDER the benchmark runs on that dataset (hand-labelled, imported or sampled) and \
            --attributes may name any of its attributes, curated ones too (glasses:yes, or smile for every \
            class). A target is judged by the built-in image labellers where they label its attribute and the \
            dataset's generator renders (the embedded one, or --generator serving it); otherwise by judge \
            classifiers cross-fitted on the held-back samples no edit classifier trained on. Held-out latents are \
            fresh prior draws the judge does not put in the target class when the generator renders; otherwise \
            (imported latents) the dataset's own samples in no attribute's training split, labelled with another \
            class. The report, the console table and the CSV's judge column name the judge of every figure and \
            show the baseline beside success: the share already in the target class before any edit (the \
            unedited row), the class's share of the pool, and the judge's accuracy on held-out labels beside its \
            majority-class rate. Methods that need images or the generator's internals are left out with a \
            reason; unless --lengths is given, the lengths are scaled by the latents' mean norm as for a worker. \
            --dataset-count is not used.

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
              swift run -c release Evaluate --dataset data/faces \\
                  --attributes glasses:yes,smile --count 100 --out reports/faces
            """)

    @Option(help: "Edit targets, comma-separated: attribute:class, or attribute for every class (both directions of a binary one).")
    var attributes = CommaList(EvaluationOptions().targets)
    @Option(help: "Held-out latents edited per target.") var count = EvaluationOptions().count
    @Option(help: "Seed of the dataset, the training and every latent drawn.") var seed = EvaluationOptions().seed
    @Option(help: ArgumentHelp("Total path lengths, comma-separated, ascending (default \(EvaluationOptions().lengths.map { String(format: "%g", $0) }.joined(separator: ",")); scaled for a worker's or a dataset's latent space).",
                               valueName: "lengths"))
    var lengths: CommaList<Float>?
    @Option(help: "Steps per path.") var steps = EvaluationOptions().steps
    @Option(help: "GANSpace components, SeFa eigenvectors and TCA components per mode and products to choose each target's direction from.")
    var components = EvaluationOptions().candidateComponents
    @Option(help: ArgumentHelp("Output folder (default \(EvaluationOptions().outputFolder), or \(EvaluationOptions().outputFolder)/<generator> with --generator, \(EvaluationOptions().outputFolder)/<dataset folder's name> with --dataset).", valueName: "folder"))
    var out: String?
    @Option(name: .customLong("dataset-count"), help: "Samples in the dataset the classifiers and boundaries learn from (not with --dataset).")
    var datasetCount = EvaluationOptions().datasetCount
    @OptionGroup var generatorWorker: GeneratorWorkerOption
    @Option(help: "A directions file from `Discover manifolds` to compare as well (its best direction per target, as for GANSpace).")
    var manifolds: String?
    @Option(help: ArgumentHelp("A dataset folder (hand-labelled, imported or sampled) to evaluate on, any of its attributes a target; judged by the image labellers where they label it and the generator renders, else by cross-fitted judges.",
                               valueName: "folder"))
    var dataset: String?

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
        func generator() throws -> any LatentGenerator { try worker ?? DCGANGenerator.embedded() }
        let datasetName = dataset.map { ($0 as NSString).lastPathComponent }
        options.outputFolder = out ?? (datasetName ?? worker?.identifier).map { "\(options.outputFolder)/\($0)" } ?? options.outputFolder
        if let lengths {
            options.lengths = lengths.values
        } else if let worker {
            var random = RandomSource(seed: seed ^ 0x4E4F_524D)
            let norm = try worker.drawPrior(count: 256, random: &random).meanRowNorm
            options.lengths = scaledLengths(options.lengths, meanNorm: norm)
            printError(String(format: "%@: mean latent norm %.3f over 256 draws, so lengths %@", worker.identifier, norm,
                              options.lengths.map { String(format: "%g", $0) }.joined(separator: ",")))
        } else {
            options.scalesLengthsToLatents = true
        }
        let start = Date()
        let outcome = try dataset.map { try runEvaluation(options, datasetFolder: $0, worker: worker, log: printError) }
            ?? runEvaluation(options, generator: try generator(), log: printError)
        for target in outcome.targets {
            print("\(target.attribute) -> \(target.className) (\(target.latentCount) latents, judged by \(target.judge)): method, length: success, mean kept")
            print(String(format: "  %@ %.3f  1.000", "unedited (baseline) 0".padding(toLength: 26, withPad: " ", startingAt: 0),
                         target.successBefore))
            for point in target.points {
                let label = "\(point.method) \(String(format: "%g", point.length))".padding(toLength: 26, withPad: " ", startingAt: 0)
                print(String(format: "  %@ %.3f  %.3f", label, point.successRate, point.meanUnchanged))
            }
            if let card = target.defaults {
                print("  the bundle's defaults (\(card.settings)), mean (min–max) over \(card.setSizes.count) sets of \(card.setSizes.map(String.init).joined(separator: "/")):")
                print("    success \(meanAndRange(card.success)), mean kept \(meanAndRange(card.meanKept)); "
                      + card.kept.map { "\($0.attribute) \(meanAndRange($0.rates))" }.joined(separator: ", "))
            }
        }
        outcome.files.forEach { print("wrote \($0)") }
        print(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
    }
}
