/// Where a bundle's classifiers were trained: the dataset's file or name, its hash and size, when known.
public struct DatasetProvenance: Sendable, Equatable, Codable {
    /// The dataset's path or name as the trainer saw it.
    public let source: String
    /// The SHA-256 of the dataset file in lowercase hex, if there is one.
    public let sha256: String?
    /// The number of labelled latents it held, if known.
    public let sampleCount: Int?

    /// A provenance record.
    public init(source: String, sha256: String? = nil, sampleCount: Int? = nil) {
        self.source = source
        self.sha256 = sha256
        self.sampleCount = sampleCount
    }
}
