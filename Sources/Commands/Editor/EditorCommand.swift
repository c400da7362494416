import ArgumentParser
import CommandSupport
import Editing
import Diagnostics
import EditorJob

/// `Editor`: apply an attribute's bundle to latents and show the edits.
/// The most latents the editor edits in one run.
let maximumEditorLatents = 100_000

/// The most latents shown in strips and the contact sheet.
let maximumShownLatents = 1000

@main
struct EditorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Editor",
        abstract: "Edit latents with an attribute's bundle: GradCtrl's curved, disentangled paths.",
        discussion: """
            Each step follows the gradient of the target class probability, recomputed at the current latent, \
            with the protected attributes handled as the bundle says (masked channels, or projection), \
            normalised and scaled to a fixed length. For a binary attribute both directions are edited, for \
            a multiclass one every class, or only --to CLASS. Writes <attribute>-to-<class>.npy (the paths, \
            [N, steps+1, D]) and, for the embedded generator, <attribute>-to-<class>.png (edit strips) and \
            contact-sheet.png; when the attribute has a built-in image labeller, prints how many final images \
            it labels with the target class and how often the other labels stay unchanged.

            Examples:
              swift run Editor --to green --count 200 --outside-target --bundle \\
                  checkpoints/dcgan-digiface-64-n20000-s0/color/color.bundle.safetensors
              swift run Editor --latents my.npy --steps 12 \\
                  --bundle checkpoints/my-faces/smile/smile.bundle.safetensors
              swift run Editor --exclude lightness --top-channels 20 --bundle \\
                  checkpoints/dcgan-digiface-64-n20000-s0/color/color.bundle.safetensors
              swift run Editor --directions discovered/tca-block1.directions.safetensors \\
                  --component C2 --count 8

            With --directions FILE --component ID-OR-LABEL (from Discover), the latents move straight along the \
            direction (or along its curved path) out to --strength standard deviations, both ways unless --to plus \
            or --to minus; the outputs are the same files: <id>-to-<side>.npy, strips and the contact sheet. A \
            label several directions share is refused with their ids; a label of an older file (lightness+) and \
            its current form (lightness.light) name the same directions.
            """)

    @Option(help: "The attribute's bundle (from Trainer: <out>/<dataset>/<attribute>/<attribute>.bundle.safetensors; any path loads).") var bundle: String?
    @Option(help: "A directions file (from Discover) to edit with instead of a bundle.") var directions: String?
    @Option(help: "With --directions: the direction to apply, by id (e.g. C3) or label (e.g. lightness.light).") var component: String?
    @Option(help: "With --directions: how far to go, in standard deviations of the direction (default 3).") var strength: Double?
    @Option(help: "Latents to edit: a float32 .npy of shape [N, D].") var latents: String?
    @Option(help: "Latents to draw from the prior when there is no --latents file.") var count = 16
    @Option(help: "Seed for drawing latents (a stream apart from the datasets', so drawn latents are never training latents).") var seed: UInt64 = 0
    @Option(help: "Edit only toward this class (by name, or by index: 0 is the first class).") var to: String?
    @Flag(name: .customLong("outside-target"), help: "Edit only latents not already in the --to class.") var outsideTarget = false
    @Option(help: "The most steps per path (default: the bundle's; a latent stops sooner once it reaches the stop probability).") var steps: Int?
    @Option(name: .customLong("step-length"), help: "Length of each step in latent space (default: the bundle's).") var stepLength: Float?
    @Option(name: .customLong("stop-at"), help: "Stop a latent once its target probability reaches this (default: the bundle's, chosen by the Trainer on held-out latents).") var stopAt: Float?
    @Flag(name: .customLong("no-stop"), help: "Take every step: ignore the bundle's stop probability.") var noStop = false
    @Option(name: .customLong("keep-norm"), help: "Rescale each step back to the starting norm: true or false (default: the bundle's).") var keepNorm: Bool?
    @Option(help: "bundle (the bundle's choice), plain, projected or restored (projection with two restoring corrections per step).") var method = EditJobMethod.bundle
    @Option(help: "Attributes whose top channels to zero (comma-separated); overrides the bundle's masks.") var exclude: CommaList<String>?
    @Option(name: .customLong("top-channels"), help: "Channels to zero per excluded attribute (comma-separated, or one for all).") var topChannels: CommaList<Int>?
    @Option(help: "Output folder.") var out = "edits"
    @Option(help: "Latents shown in the strips and the contact sheet.") var show = 12

    @OptionGroup var generatorWorker: GeneratorWorkerOption

    @Option(help: ArgumentHelp(
        "With a style-based worker in W space: the W+ layers the edit writes, lo:hi (from lo up to but not including hi); the other layers keep each latent's start, as GradCtrl edits StyleGAN2. Writes <attribute>-to-<class>.wplus.npy [N, steps+1, L, D] too.",
        valueName: "lo:hi"))
    var layers: String?

    func validate() throws {
        try requireList(exclude, flag: "--exclude")
        try requireList(topChannels, flag: "--top-channels")
        if (bundle == nil) == (directions == nil) { throw FlagError("give exactly one of --bundle and --directions") }
        if directions != nil && component == nil { throw FlagError("--directions needs --component (an id or a label)") }
        if directions == nil && (component != nil || strength != nil) { throw FlagError("--component and --strength go with --directions") }
        if directions != nil {
            let bundleOnly = [("--method", method != .bundle), ("--exclude", exclude != nil), ("--top-channels", topChannels != nil),
                              ("--stop-at", stopAt != nil), ("--no-stop", noStop), ("--keep-norm", keepNorm != nil), ("--step-length", stepLength != nil),
                              ("--outside-target", outsideTarget)]
            if let (flag, _) = bundleOnly.first(where: { $0.1 }) {
                throw FlagError("\(flag) applies to bundles; with --directions choose --strength and --steps")
            }
            if let to, to != "plus" && to != "minus" { throw FlagError("--to takes plus or minus with --directions, got '\(to)'") }
            if let strength, !(strength > 0 && strength.isFinite) { throw FlagError("--strength must be positive") }
        }
        try requireInRange(count, 1...maximumEditorLatents, "", source: "--count")
        try requireInRange(show, 1...maximumShownLatents, "", source: "--show")
        if let steps { try requireInRange(steps, 1...maximumEditSteps, "", source: "--steps") }
        if let stepLength, !(stepLength.isFinite && stepLength > 0) {
            throw FileError(path: "--step-length", problem: "must be a positive finite number, is \(stepLength)")
        }
        if let stopAt, !(stopAt > 0 && stopAt <= 1) {
            throw FileError(path: "--stop-at", problem: "must be in (0, 1], is \(stopAt)")
        }
        if outsideTarget && to == nil { throw FlagError("--outside-target needs --to CLASS") }
        if noStop && stopAt != nil { throw FlagError("give --stop-at P or --no-stop, not both") }
        if let layers, styleLayerRange(layers) == nil { throw FlagError("--layers takes lo:hi with 0 ≤ lo < hi (for example 2:4), got '\(layers)'") }
        if layers != nil && !generatorWorker.choosesWorker { throw FlagError("--layers needs --generator SPEC: a style-based worker in W space") }
    }

    func run() throws {
        try namingFlags([.topChannels: "--top-channels", .outsideTarget: "--outside-target", .layers: "--layers"], perform)
    }

    private func perform() throws {
        var options = directions.map { EditJobOptions(directionsPath: $0, component: component ?? "") }
            ?? EditJobOptions(bundlePath: bundle ?? "")
        options.strength = strength
        options.latentsPath = latents
        options.count = count
        options.seed = seed
        options.toClass = to
        options.outsideTarget = outsideTarget
        options.steps = steps
        options.stepLength = stepLength
        options.stopProbability = stopAt
        options.ignoresStopProbability = noStop
        options.keepNorm = keepNorm
        options.method = method
        options.exclude = exclude?.values
        options.topChannels = topChannels?.values
        options.outputFolder = out
        options.shownLatents = show
        options.layers = layers.flatMap(styleLayerRange)
        options.generator = try generatorWorker.loadWorker()
        defer { generatorWorker.stop(options.generator) }
        for line in try runEditJob(options, log: printError) { print(line) }
    }
}

extension EditJobMethod: ExpressibleByArgument {}
