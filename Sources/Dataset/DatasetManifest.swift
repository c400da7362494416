import Generator

/// The description of a dataset stored in its `manifest.json`: provenance, sizes and attributes.
public struct DatasetManifest: Sendable, Equatable {
    /// The manifest format this code reads and writes.
    public static let currentFormatVersion = 1
    /// The identifier used for latents brought from another generator.
    public static let externalGenerator = "external"

    /// The manifest format version.
    public var formatVersion: Int
    /// The generator identifier, or "external".
    public var generator: String
    /// The SHA-256 of the generator's checkpoint, nil for external latents.
    public var checkpointSHA256: String?
    /// The latent dimension D.
    public var latentDimension: Int
    /// The seed the latents were drawn with, nil for external latents.
    public var seed: UInt64?
    /// The number of samples N.
    public var count: Int
    /// Whether `images/` holds a PNG per sample.
    public var imagesStored: Bool
    /// The attributes, in the column order of `labels.csv`.
    public var attributes: [Attribute]
    /// Which part of a larger run this dataset is (sampled in shards), or nil for a whole run.
    public var shard: Shard?

    /// The K-th of N parts of a run of `total` samples: the samples `first..<first + count` of the seed's stream.
    public struct Shard: Sendable, Equatable, Codable {
        /// K, from 1.
        public var index: Int
        /// N.
        public var of: Int
        /// The index of the part's first sample in the whole run.
        public var first: Int
        /// The whole run's sample count.
        public var total: Int

        /// The `index`-th of `of` parts of a run of `total` samples, cut as evenly as whole samples allow.
        public init(index: Int, of: Int, total: Int) {
            self.index = index
            self.of = of
            self.total = total
            first = (index - 1) * total / of
        }

        /// The samples of the whole run that this part holds.
        public var samples: Range<Int> { first..<(index * total / of) }
    }

    /// A manifest in the current format.
    public init(generator: String, checkpointSHA256: String?, latentDimension: Int, seed: UInt64?, count: Int,
                imagesStored: Bool, attributes: [Attribute]) {
        self.formatVersion = Self.currentFormatVersion
        self.generator = generator
        self.checkpointSHA256 = checkpointSHA256
        self.latentDimension = latentDimension
        self.seed = seed
        self.count = count
        self.imagesStored = imagesStored
        self.attributes = attributes
        self.shard = nil
    }

    /// Whether the latents came from another generator, so nothing can be rendered for them here.
    public var isExternal: Bool { generator == Self.externalGenerator }

    /// The total number of score columns over all attributes.
    public var scoreColumnCount: Int {
        attributes.compactMap { $0.scores?.range.upperBound }.max() ?? 0
    }

    /// Whether this dataset was sampled from `generator` (same identifier and checkpoint digest) with
    /// `count` samples and `seed`, so that it can be reused instead of sampling again.
    public func matches(generator: any LatentGenerator, count: Int, seed: UInt64) -> Bool {
        self.generator == generator.identifier && checkpointSHA256 == generator.checkpointSHA256
            && self.count == count && self.seed == seed && shard == nil
    }

    /// The first inconsistency in the manifest, or nil if it is sound.
    public var problem: String? {
        if formatVersion != Self.currentFormatVersion {
            return "format version \(formatVersion) is not supported (this program reads version \(Self.currentFormatVersion))"
        }
        if generator.isEmpty { return "the generator identifier is empty" }
        if let sha = checkpointSHA256, sha.count != 64 || !sha.allSatisfy(\.isHexDigit) {
            return "checkpoint_sha256 '\(sha)' is not 64 hexadecimal digits"
        }
        if !(1...maximumLatentDimension).contains(latentDimension) {
            return "latent_dimension must be between 1 and \(maximumLatentDimension), is \(latentDimension)"
        }
        if !(0...maximumSampleCount).contains(count) {
            return "count must be between 0 and \(maximumSampleCount), is \(count)"
        }
        if count * latentDimension > maximumLatentElements {
            return "count \(count) × latent_dimension \(latentDimension) is more than the limit of \(maximumLatentElements) numbers"
        }
        if let shard {
            guard (1...shard.of).contains(shard.index), (1...maximumSampleCount).contains(shard.total), shard.of <= shard.total,
                  shard == Shard(index: shard.index, of: shard.of, total: shard.total), shard.samples.count == count else {
                return "shard \(shard.index)/\(shard.of) of \(shard.total) samples starting at \(shard.first) does not hold \(count) samples"
            }
            if seed == nil { return "a shard needs the seed of its run" }
        }
        if attributes.count > maximumAttributeCount {
            return "\(attributes.count) attributes, more than the limit of \(maximumAttributeCount)"
        }
        var names = Set<String>()
        var usedColumns = Set<Int>()
        for attribute in attributes {
            if let problem = attribute.problem { return problem }
            if !names.insert(attribute.name).inserted { return "attribute '\(attribute.name)' appears twice" }
            for column in attribute.scores?.range ?? 0..<0 where !usedColumns.insert(column).inserted {
                return "score column \(column) is claimed by two attributes"
            }
        }
        if usedColumns.count != scoreColumnCount {
            return "score columns 0..<\(scoreColumnCount) are not all assigned to attributes"
        }
        return nil
    }
}

/// The most samples a dataset may hold.
public let maximumSampleCount = 10_000_000

/// The largest latent dimension accepted.
public let maximumLatentDimension = 100_000

/// The most latent numbers (samples × dimension) a dataset may hold: 4 GB of float32.
public let maximumLatentElements = 1 << 30

/// The most attributes a dataset may have.
public let maximumAttributeCount = 1000
