import Diagnostics
import Foundation
import TensorFormats
import Labellers

/// Encodes and decodes `manifest.json` (snake_case keys, sorted, pretty-printed: the same manifest always
/// gives the same bytes).
enum ManifestCoding {
    /// The JSON bytes of `manifest`.
    static func encode(_ manifest: DatasetManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(manifest)
        data.append(0x0A)
        return data
    }

    /// The manifest in `data`, read from `path`; throws a one-line `FileError` for bad JSON, missing or
    /// mistyped keys and inconsistent contents.
    static func decode(_ data: Data, path: String) throws -> DatasetManifest {
        guard data.count <= maximumManifestBytes else {
            throw FileError(path: path, problem: "is \(data.count) bytes, more than the limit of \(maximumManifestBytes) for a manifest")
        }
        try requireStrictJSON(data, source: path, what: "manifest")
        let manifest: DatasetManifest
        do {
            manifest = try JSONDecoder().decode(DatasetManifest.self, from: data)
        } catch let error as DecodingError {
            throw FileError(path: path, problem: decodingProblem(error))
        }
        if let problem = manifest.problem { throw FileError(path: path, problem: problem) }
        return manifest
    }
}

extension DatasetManifest: Codable {
    private enum Keys: String, CodingKey {
        case formatVersion = "format_version", generator, latentDimension = "latent_dimension", seed, count
        case imagesStored = "images_stored", attributes, shard
    }

    private enum GeneratorKeys: String, CodingKey {
        case identifier, checkpointSHA256 = "checkpoint_sha256"
    }

    /// Decodes the manifest's JSON object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let generator = try container.nestedContainer(keyedBy: GeneratorKeys.self, forKey: .generator)
        self.init(generator: try generator.decode(String.self, forKey: .identifier),
                  checkpointSHA256: try generator.decodeIfPresent(String.self, forKey: .checkpointSHA256),
                  latentDimension: try container.decode(Int.self, forKey: .latentDimension),
                  seed: try container.decodeIfPresent(UInt64.self, forKey: .seed),
                  count: try container.decode(Int.self, forKey: .count),
                  imagesStored: try container.decode(Bool.self, forKey: .imagesStored),
                  attributes: try container.decode([Attribute].self, forKey: .attributes))
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        shard = try container.decodeIfPresent(Shard.self, forKey: .shard)
    }

    /// Encodes the manifest as a JSON object; absent values are written as null, but `shard` only for a shard.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        var generator = container.nestedContainer(keyedBy: GeneratorKeys.self, forKey: .generator)
        try generator.encode(self.generator, forKey: .identifier)
        try generator.encode(checkpointSHA256, forKey: .checkpointSHA256)
        try container.encode(latentDimension, forKey: .latentDimension)
        try container.encode(seed, forKey: .seed)
        try container.encode(count, forKey: .count)
        try container.encode(imagesStored, forKey: .imagesStored)
        try container.encode(attributes, forKey: .attributes)
        try container.encodeIfPresent(shard, forKey: .shard)
    }
}

extension Attribute: Codable {
    private enum Keys: String, CodingKey {
        case name, kind, classes, origin, scores
    }

    /// Decodes one attribute object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        self.init(name: try container.decode(String.self, forKey: .name),
                  kind: try container.decode(AttributeKind.self, forKey: .kind),
                  classes: try container.decode([String].self, forKey: .classes),
                  origin: try container.decode(LabelOrigin.self, forKey: .origin),
                  scores: try container.decodeIfPresent(ScoreColumns.self, forKey: .scores))
    }

    /// Encodes one attribute object; `scores` is null for attributes without scores.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(classes, forKey: .classes)
        try container.encode(origin, forKey: .origin)
        try container.encode(scores, forKey: .scores)
    }
}

extension LabelOrigin: Codable {
    private enum Keys: String, CodingKey {
        case source, labeller, parameters, file
    }

    /// Decodes `{"source": "labeller", "labeller": …, "parameters": {…}}`, `{"source": "manual", "file": …}`
    /// or `{"source": "imported", "file": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let source = try container.decode(String.self, forKey: .source)
        switch source {
        case "labeller":
            self = .labeller(name: try container.decode(String.self, forKey: .labeller),
                             parameters: try container.decode([String: ParameterValue].self, forKey: .parameters))
        case "manual":
            self = .manual(file: try container.decode(String.self, forKey: .file))
        case "imported":
            self = .imported(file: try container.decode(String.self, forKey: .file))
        default:
            throw DecodingError.dataCorruptedError(forKey: .source, in: container,
                                                   debugDescription: "source '\(source)' is not labeller, manual or imported")
        }
    }

    /// Encodes the object described at `init(from:)`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .labeller(let name, let parameters):
            try container.encode("labeller", forKey: .source)
            try container.encode(name, forKey: .labeller)
            try container.encode(parameters, forKey: .parameters)
        case .manual(let file):
            try container.encode("manual", forKey: .source)
            try container.encode(file, forKey: .file)
        case .imported(let file):
            try container.encode("imported", forKey: .source)
            try container.encode(file, forKey: .file)
        }
    }
}

/// The largest manifest read (a real one is a few kilobytes).
let maximumManifestBytes = 16 << 20

extension DatasetManifest {
    /// The manifest in the JSON `data` read from `path`, checked as `LabelledDataset.load` checks it: strict
    /// JSON without duplicate keys, every field present and typed, every number in its range.
    public static func decode(_ data: Data, path: String) throws -> DatasetManifest {
        try ManifestCoding.decode(data, path: path)
    }
}
