import Dataset
import Files
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

    /// Loads the dataset in `folder`; its generator is the embedded DCGAN when the manifest names it (with the
    /// same checkpoint digest), or an external latent space fitted to its latents.
    public static func load(folder: String) throws -> PreparedDataset {
        let dataset = try LabelledDataset.load(from: folder)
        return PreparedDataset(dataset: dataset, folder: folder, reused: true,
                               fingerprint: try fingerprint(of: folder), generator: try generator(for: dataset, folder: folder))
    }

    /// The default dataset of the embedded generator for `count` and `seed`: reused from
    /// `data/<generator>-n<count>-s<seed>` when its manifest matches, otherwise sampled there with every
    /// built-in labeller (progress on stderr).
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
        let progress = Progress("sampling \(count) latents", total: count)
        let dataset = try sampler.write(to: folder) { progress.update($0) }
        progress.finish()
        return PreparedDataset(dataset: dataset, folder: folder, reused: false,
                               fingerprint: try fingerprint(of: folder), generator: generator)
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
            throw JobError("\(folder): made with generator '\(manifest.generator)', which this workbench does not have")
        }
        let embedded = try DCGANGenerator.embedded()
        if let digest = manifest.checkpointSHA256, digest != embedded.checkpointSHA256 {
            throw JobError("\(folder): made with another checkpoint of '\(manifest.generator)' (sha256 \(digest))")
        }
        return embedded
    }
}
