import ArgumentParser
import CommandSupport
import Evaluation
import Files
import Foundation

/// `Evaluate`: the disentanglement benchmark of GradCtrl against InterFaceGAN, GANSpace and SeFa.
@main
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Evaluate",
        abstract: "Benchmark GradCtrl against InterFaceGAN, GANSpace, SeFa and TCA on the embedded generator.",
        discussion: """
            Trains GradCtrl's bundle for each target attribute (as Trainer does) and InterFaceGAN's linear \
            boundaries, finds GANSpace's, SeFa's and TCA's directions (TCA as `Discover tca --block 1`: its mode-wise components and its multilinear products), then edits held-out latents toward each target \
            with all nine methods over a sweep of path lengths, renders the final images and judges them with \
            the built-in image labellers: target success, each other label kept, mean |z| and pixel change. \
            Writes evaluation.md, evaluation.csv, <attribute>-to-<class>.pareto.png and \
            <attribute>-to-<class>.examples.png into --out, GradCtrl's bundles into --out/bundles.

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
            """)

    @Option(help: "Edit targets, comma-separated: attribute:class, or attribute for every class (both directions of a binary one).")
    var attributes = CommaList(EvaluationOptions().targets)
    @Option(help: "Held-out latents edited per target.") var count = EvaluationOptions().count
    @Option(help: "Seed of the dataset, the training and every latent drawn.") var seed = EvaluationOptions().seed
    @Option(help: "Total path lengths, comma-separated, ascending.")
    var lengths = CommaList(EvaluationOptions().lengths)
    @Option(help: "Steps per path.") var steps = EvaluationOptions().steps
    @Option(help: "GANSpace components, SeFa eigenvectors and TCA components per mode and products to choose each target's direction from.")
    var components = EvaluationOptions().candidateComponents
    @Option(help: "Output folder.") var out = EvaluationOptions().outputFolder
    @Option(help: "A directions file from `Discover manifolds` to compare as well (its best direction per target, as for GANSpace).")
    var manifolds: String?

    func validate() throws {
        try requireList(attributes, flag: "--attributes")
        try requireList(lengths, flag: "--lengths")
    }

    func run() throws {
        var options = EvaluationOptions()
        options.targets = attributes.values
        options.count = count
        options.seed = seed
        options.lengths = lengths.values
        options.steps = steps
        options.candidateComponents = components
        options.outputFolder = out
        options.manifoldDirections = manifolds
        options.commandLine = (["swift run -c release Evaluate"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let start = Date()
        let outcome = try runEvaluation(options, log: printError)
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
