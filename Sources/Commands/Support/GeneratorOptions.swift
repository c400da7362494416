import ArgumentParser
import Generator
import GeneratorBridge

/// The generator to render with: the embedded DCGAN, a DCGAN checkpoint given by path, or the user's own
/// generator served by a worker process (docs/generator-worker.md).
public struct GeneratorOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "'embedded' (the DCGAN shipped here), or a generator worker's spec: a JSON file naming the command that serves your own generator (see docs/generator-worker.md and tools/workers/).",
        valueName: "embedded|spec.json"))
    public var generator: String = "embedded"

    @Option(name: .long, help: "A DCGAN safetensors checkpoint (default: the embedded checkpoints/dcgan-digiface-64.safetensors).")
    public var checkpoint: String?

    public init() {}

    /// Checks that the flags do not contradict each other.
    public func validate() throws {
        if generator != "embedded" && checkpoint != nil {
            throw ValidationError("give --checkpoint (a DCGAN checkpoint) or --generator SPEC (a worker), not both")
        }
    }

    /// Loads the chosen generator; a worker is started here (stop it with ``stop(_:)`` when done).
    public func load() throws -> any LatentGenerator {
        if generator != "embedded" { return try WorkerGenerator(spec: WorkerSpec(file: generator)) }
        return try checkpoint.map { try DCGANGenerator.load(path: $0) } ?? DCGANGenerator.embedded()
    }

    /// Ends a worker started by ``load()`` and reaps it (nothing for the embedded generator).
    public func stop(_ loaded: any LatentGenerator) {
        (loaded as? WorkerGenerator)?.stop()
    }
}
