import Diagnostics
import FileStorage
import Foundation
import Generator
import Labellers

/// A dataset ready for training, with where it lives and whether it was reused.
public struct PreparedDataset: Sendable {
    /// The latents and labels.
    public let dataset: LabelledDataset
    /// Its folder.
    public let folder: String
    /// Whether an existing folder was used rather than a new sample.
    public let reused: Bool
    /// SHA-256 of its `latents.npy` followed by its `labels.csv`: names the exact data a classifier saw.
    public let fingerprint: String
    /// The generator the latents belong to: the embedded one, or an external latent space.
    public let generator: any LatentGenerator

    /// A prepared dataset from its parts.
    public init(dataset: LabelledDataset, folder: String, reused: Bool, fingerprint: String, generator: any LatentGenerator) {
        self.dataset = dataset
        self.folder = folder
        self.reused = reused
        self.fingerprint = fingerprint
        self.generator = generator
    }

    /// Loads the dataset in `folder`; its generator is the embedded DCGAN when the manifest names it (with the
    /// same checkpoint digest), or an external latent space fitted to its latents.
    public static func load(folder: String) throws -> PreparedDataset {
        let dataset = try LabelledDataset.load(from: folder)
        return PreparedDataset(dataset: dataset, folder: folder, reused: true,
                               fingerprint: try fingerprint(of: folder), generator: try generator(for: dataset, folder: folder))
    }

    /// The default dataset of the embedded generator for `count` and `seed`: reused from
    /// `data/<generator>-n<count>-s<seed>` when its manifest matches; otherwise sampled there with every
    /// built-in labeller (progress on stderr), keeping the samples of the largest other dataset in `data/`
    /// of the same generator and seed (a smaller one is extended, a larger one cut), which gives the same
    /// bytes as sampling from scratch.
    public static func sampleOrReuse(generator: any LatentGenerator, count: Int, seed: UInt64,
                                     root: String = ".") throws -> PreparedDataset {
        let folder = (root as NSString).appendingPathComponent(
            DatasetFiles.defaultFolder(generator: generator.identifier, count: count, seed: seed))
        if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(DatasetFiles.manifest)),
           let existing = try? LabelledDataset.load(from: folder),
           existing.manifest.matches(generator: generator, count: count, seed: seed) {
            return PreparedDataset(dataset: existing, folder: folder, reused: true,
                                   fingerprint: try fingerprint(of: folder), generator: generator)
        }
        try requireReplaceable(folder, force: false)
        let sampler = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: count, seed: seed)
        let earlier = reusableDataset(for: sampler, root: root)
        let kept = earlier.map { sampler.reusableCount(of: $0.dataset) } ?? 0
        let progress = Progress(kept > 0 ? "sampling \(count - kept) latents after the \(kept) of \(earlier!.folder)"
                                         : "sampling \(count) latents", total: count)
        let dataset = try sampler.write(to: folder, reusing: earlier?.dataset) { progress.update($0) }
        progress.finish()
        return PreparedDataset(dataset: dataset, folder: folder, reused: false,
                               fingerprint: try fingerprint(of: folder), generator: generator)
    }

    /// The dataset in `root/data` of the sampler's generator and seed whose samples the sampler can keep the
    /// most of, or nil when none has any.
    static func reusableDataset(for sampler: DatasetSampler, root: String) -> (dataset: LabelledDataset, folder: String)? {
        let data = (root as NSString).appendingPathComponent("data")
        let prefix = "\(sampler.generator.identifier)-n", suffix = "-s\(sampler.seed)"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: data)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix)
                && Int($0.dropFirst(prefix.count).dropLast(suffix.count)) != nil }
            .sorted()
        var best: (dataset: LabelledDataset, folder: String, kept: Int)?
        for name in names {
            let folder = (data as NSString).appendingPathComponent(name)
            guard let dataset = try? LabelledDataset.load(from: folder) else { continue }
            let kept = sampler.reusableCount(of: dataset)
            if kept > (best?.kept ?? 0) { best = (dataset, folder, kept) }
        }
        return best.map { ($0.dataset, $0.folder) }
    }

    /// SHA-256 of the folder's latents and labels files, concatenated.
    static func fingerprint(of folder: String) throws -> String {
        var bytes = Data()
        for name in [DatasetFiles.latents, DatasetFiles.labels] {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw JobError("\(path): cannot read")
            }
            bytes.append(data)
        }
        return sha256Hex(bytes)
    }

    /// The generator a dataset's manifest names.
    static func generator(for dataset: LabelledDataset, folder: String) throws -> any LatentGenerator {
        let manifest = dataset.manifest
        if manifest.isExternal { return ExternalLatentSpace(fittedTo: dataset.latents) }
        guard manifest.generator == DCGANGenerator.embeddedIdentifier else {
            // A generator served by a worker (not running now): its identity goes into the bundle, nothing renders.
            return ExternalLatentSpace(fittedTo: dataset.latents, identifier: manifest.generator,
                                       checkpointSHA256: manifest.checkpointSHA256)
        }
        let embedded = try DCGANGenerator.embedded()
        if let digest = manifest.checkpointSHA256, digest != embedded.checkpointSHA256 {
            throw JobError("\(folder): made with another checkpoint of '\(manifest.generator)' (sha256 \(digest))")
        }
        return embedded
    }
}
