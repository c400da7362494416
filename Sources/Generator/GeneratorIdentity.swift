import Diagnostics

/// Which generator a bundle's latents belong to: its identifier, its checkpoint's SHA-256 and its latent
/// dimension. A bundle only edits latents of the generator it was made for.
public struct GeneratorIdentity: Sendable, Equatable, Codable {
    /// The generator's stable name, e.g. "dcgan-digiface-64", or "external".
    public let identifier: String
    /// The SHA-256 of the weights in lowercase hex, or "external" when there are none.
    public let checkpointSHA256: String
    /// The latent dimension D.
    public let latentDimension: Int

    /// An identity from its parts; a nil checkpoint hash is recorded as "external".
    public init(identifier: String, checkpointSHA256: String?, latentDimension: Int) {
        self.identifier = identifier
        self.checkpointSHA256 = checkpointSHA256 ?? "external"
        self.latentDimension = latentDimension
    }

    /// The identity of `generator`.
    public init(_ generator: any LatentGenerator) {
        self.init(identifier: generator.identifier, checkpointSHA256: generator.checkpointSHA256,
                  latentDimension: generator.latentDimension)
    }

    /// "identifier (sha 1234abcd…)" for messages.
    public var summary: String {
        checkpointSHA256 == "external" ? "\(identifier) (no checkpoint)" : "\(identifier) (sha \(checkpointSHA256.prefix(12))…)"
    }

    /// Throws unless this is `expected`: the same identifier and checkpoint hash, and the same latent
    /// dimension. `path` names the bundle in the message.
    public func require(_ expected: GeneratorIdentity, path: String) throws {
        guard identifier == expected.identifier, checkpointSHA256 == expected.checkpointSHA256 else {
            throw FileError(path: path, problem: "made for generator \(summary), not \(expected.summary)")
        }
        guard latentDimension == expected.latentDimension else {
            throw FileError(path: path, problem: "made for \(latentDimension)-dimensional latents, but generator \(expected.identifier) has \(expected.latentDimension)")
        }
    }
}
