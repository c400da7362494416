import ArgumentParser
import Generator
import GeneratorBridge

/// `--generator`: the embedded DCGAN, or the user's own generator served by a worker process
/// (docs/generator-worker.md).
public struct GeneratorWorkerOption: ParsableArguments, Sendable {
    @Option(name: .long, help: ArgumentHelp(
        "'embedded' (the DCGAN shipped here), or a generator worker's spec: a JSON file naming the command that serves your own generator (see docs/generator-worker.md and tools/workers/).",
        valueName: "embedded|spec.json"))
    public var generator: String = "embedded"

    public init() {}

    /// Whether a worker was chosen.
    public var choosesWorker: Bool { generator != "embedded" }

    /// Starts the chosen worker, or returns nil for the embedded generator (stop a worker with ``stop(_:)``).
    public func loadWorker() throws -> WorkerGenerator? {
        choosesWorker ? try WorkerGenerator(spec: WorkerSpec(file: generator)) : nil
    }

    /// Ends a worker started by ``loadWorker()`` and reaps it (nothing for any other generator).
    public func stop(_ loaded: (any LatentGenerator)?) {
        (loaded as? WorkerGenerator)?.stop()
    }
}

/// The generator to render with: the embedded DCGAN, a DCGAN checkpoint given by path, or a worker.
public struct GeneratorOptions: ParsableArguments, Sendable {
    @OptionGroup public var worker: GeneratorWorkerOption

    @Option(name: .long, help: "A DCGAN safetensors checkpoint (default: the embedded checkpoints/dcgan-digiface-64.safetensors).")
    public var checkpoint: String?

    public init() {}

    /// Checks that the flags do not contradict each other.
    public func validate() throws {
        if worker.choosesWorker && checkpoint != nil {
            throw ValidationError("give --checkpoint (a DCGAN checkpoint) or --generator SPEC (a worker), not both")
        }
    }

    /// Loads the chosen generator; a worker is started here (stop it with ``stop(_:)`` when done).
    public func load() throws -> any LatentGenerator {
        if let worker = try worker.loadWorker() { return worker }
        return try checkpoint.map { try DCGANGenerator.load(path: $0) } ?? DCGANGenerator.embedded()
    }

    /// Ends a worker started by ``load()`` and reaps it (nothing for the embedded generator).
    public func stop(_ loaded: any LatentGenerator) { worker.stop(loaded) }
}
