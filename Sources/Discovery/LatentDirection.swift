/// A named unit vector in latent space: a linear edit direction, such as a principal component carried back
/// to the latents (GANSpace) or an eigenvector of the first layer (SeFa).
public struct LatentDirection: Sendable, Equatable {
    /// A short name for reports, e.g. "PC3".
    public let name: String
    /// The unit vector `[D]`.
    public let vector: [Float]

    /// The direction of `vector` (scaled to unit length; it must not be zero).
    public init(name: String, vector: [Double]) {
        let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        precondition(length > 0 && length.isFinite, "a latent direction needs a non-zero finite vector")
        self.name = name
        self.vector = vector.map { Float($0 / length) }
    }
}
