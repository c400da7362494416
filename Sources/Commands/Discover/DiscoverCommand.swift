import ArgumentParser

/// `Discover`: unsupervised directions in a generator's latent space, one subcommand per method.
@main
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Discover",
        abstract: "Find edit directions without labels; each method writes a directions file the Editor applies.",
        discussion: """
            Every method writes one directions file (safetensors with JSON metadata, docs/directions-format.md, \
            readable with numpy alone: tools/directions_apply.py) and image grids to look at. Apply a direction \
            with `Editor --directions FILE --component ID-OR-LABEL`.
            """,
        subcommands: [TCACommand.self])
}
