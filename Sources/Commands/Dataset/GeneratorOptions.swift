import ArgumentParser
import Generator

/// The generator to render with: the embedded one, or a DCGAN checkpoint given by path.
struct GeneratorOptions: ParsableArguments {
    @Option(name: .long, help: "A DCGAN safetensors checkpoint (default: the embedded checkpoints/dcgan-digiface-64.safetensors).")
    var checkpoint: String?

    /// Loads the chosen generator.
    func load() throws -> DCGANGenerator {
        try checkpoint.map { try DCGANGenerator.load(path: $0) } ?? DCGANGenerator.embedded()
    }
}
