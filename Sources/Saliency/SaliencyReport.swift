/// The saliency of several attributes over the same latent sample.
public struct SaliencyReport: Sendable, Equatable {
    /// One entry per attribute, in order; names are unique.
    public let attributes: [AttributeSaliency]

    /// A report of `attributes`, which must have unique names and the same latent dimension.
    public init(_ attributes: [AttributeSaliency]) {
        precondition(Set(attributes.map(\.attribute)).count == attributes.count, "attribute names must be unique")
        precondition(attributes.allSatisfy { $0.dimension == attributes.first?.dimension }, "one latent dimension")
        self.attributes = attributes
    }

    /// The attribute called `name`, if present.
    public subscript(name: String) -> AttributeSaliency? {
        attributes.first { $0.attribute == name }
    }

    /// `overlap[a][b]`: how many of attribute a's `count` most important channels are also among attribute
    /// b's (the diagonal is `count`). A large overlap means masking b's top channels also removes a's.
    public func topChannelOverlap(count: Int) -> [[Int]] {
        let sets = attributes.map { Set($0.topChannels(count)) }
        return sets.map { a in sets.map { b in a.intersection(b).count } }
    }
}
