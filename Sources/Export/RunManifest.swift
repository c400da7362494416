import Diagnostics
import FileStorage
import Foundation
import TensorFormats

/// What made a run's folder (`run.json` in it): the dataset (its path as given and the SHA-256 of its latents and
/// labels), the generator, the target and the protected attributes, and the names the run wrote. No time and no
/// host, so that the same run gives the same bytes. A later run reads it to tell its own earlier run, which it
/// replaces, from another run's files, which it keeps (`RunFolderCheck`).
public struct RunManifest: Codable, Equatable, Sendable {
    /// The dataset a run trained on.
    public struct DatasetSource: Codable, Equatable, Sendable {
        /// Its folder, as the run was given it.
        public var path: String
        /// SHA-256 of its latents file followed by its labels file.
        public var sha256: String
        /// Its sample count.
        public var samples: Int
    }

    /// The generator whose latent space the run's classifiers read.
    public struct GeneratorSource: Codable, Equatable, Sendable {
        /// Its identifier.
        public var identifier: String
        /// SHA-256 of its checkpoint, when it has one.
        public var checkpointSHA256: String?
    }

    /// Always `gradctrl-run`: tells a run manifest from any other `run.json`.
    public var kind: String
    /// The format's version.
    public var version: Int
    /// The target attribute.
    public var target: String
    /// K of the target's softmax head, or nil for a binary sigmoid head.
    public var multiclass: Int?
    /// The protected attributes, in the run's order.
    public var protected: [String]
    /// The dataset.
    public var dataset: DatasetSource
    /// The generator.
    public var generator: GeneratorSource
    /// The entries the run wrote into its folder (besides this manifest), sorted.
    public var files: [String]

    /// The `kind` of every run manifest.
    public static let kindName = "gradctrl-run"

    /// A manifest of the current format.
    public init(target: String, multiclass: Int?, protected: [String], dataset: DatasetSource, generator: GeneratorSource,
                files: [String] = []) {
        kind = Self.kindName
        version = 1
        self.target = target
        self.multiclass = multiclass
        self.protected = protected
        self.dataset = dataset
        self.generator = generator
        self.files = files
    }

    /// The manifest's dataset and generator from their parts.
    public init(target: String, multiclass: Int?, protected: [String], datasetPath: String, datasetSHA256: String,
                samples: Int, generator: String, generatorSHA256: String?) {
        self.init(target: target, multiclass: multiclass, protected: protected,
                  dataset: DatasetSource(path: datasetPath, sha256: datasetSHA256, samples: samples),
                  generator: GeneratorSource(identifier: generator, checkpointSHA256: generatorSHA256))
    }

    /// The JSON bytes: pretty-printed with sorted keys and a final line break.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The manifest in `data`, or nil when it is not a run manifest (see `decode(_:source:)`).
    public static func decoded(_ data: Data) -> RunManifest? {
        try? decode(data, source: RunFiles.manifestName)
    }

    /// The manifest in `data`, checked; throws a one-line `FileError` about `source` when it is not a run manifest
    /// of this version: not strict JSON (RFC 8259, no duplicate key), another kind or version, missing fields, a
    /// target, protected attribute or listed file that is not a plain file name (so none can lead outside the run's
    /// folder), a negative sample count or a class count below 2.
    public static func decode(_ data: Data, source: String) throws -> RunManifest {
        func failure(_ problem: String) -> FileError { FileError(path: source, problem: problem) }
        try requireStrictJSON(data, source: source, what: "run manifest")
        let manifest: RunManifest
        do { manifest = try JSONDecoder().decode(RunManifest.self, from: data) } catch {
            throw failure("not a run manifest: \(decodingProblem(error))")
        }
        guard manifest.kind == kindName else { throw failure("kind is '\(manifest.kind)', not '\(kindName)'") }
        guard manifest.version == 1 else { throw failure("run manifest version \(manifest.version); this build reads version 1") }
        if let problem = fileNameProblem(manifest.target, what: "target") ?? manifest.protected.lazy
            .compactMap({ fileNameProblem($0, what: "protected attribute") }).first {
            throw failure(problem)
        }
        if let problem = manifest.files.lazy.compactMap({ fileNameProblem($0, what: "listed file") }).first { throw failure(problem) }
        guard manifest.dataset.samples >= 0 else { throw failure("\(manifest.dataset.samples) samples") }
        if let k = manifest.multiclass, k < 2 { throw failure("\(k) classes for a multiclass target") }
        return manifest
    }

    /// Whether `other` is a run of this one's target on the same data in the same latent space: the same target and
    /// generator, and the same dataset, by its folder (both paths resolved from the current directory) or by its
    /// bytes (the same SHA-256). A dataset that gained labels since stays the same dataset by its folder.
    public func isSameRun(as other: RunManifest) -> Bool {
        guard target == other.target, generator == other.generator else { return false }
        return dataset.sha256 == other.dataset.sha256 || resolved(dataset.path) == resolved(other.dataset.path)
    }

    private func resolved(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
