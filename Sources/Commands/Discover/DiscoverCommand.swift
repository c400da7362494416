import ArgumentParser

/// `Discover`: find latent directions without labels.
@main
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Discover",
        abstract: "Discover attribute directions in the generator's latent space without labels.",
        subcommands: [ManifoldsCommand.self])
}
