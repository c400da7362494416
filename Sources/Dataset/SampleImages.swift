import Diagnostics
import Generator
import ImageIO

extension LabelledDataset {
    /// The 8-bit images of the samples `indices`, read from `images/` in the dataset folder `directory` when
    /// the dataset stores them, else rendered in batches by `generator`, which must be the generator the
    /// dataset was sampled with (same identifier and checkpoint digest).
    public func images(of indices: [Int], folder directory: String, generator: (any LatentGenerator)?,
                       batchSize: Int = renderBatchSize) throws -> [RGBImage] {
        if manifest.imagesStored {
            return try indices.map { try readPNG(DatasetFiles.path(directory, DatasetFiles.image($0))) }
        }
        guard !manifest.isExternal else {
            throw FileError(path: directory, problem: "the latents came from another generator and no images are stored, so there are no images to show")
        }
        guard let generator, generator.canRender else {
            throw FileError(path: directory, problem: "no images are stored, and no generator was given to render them")
        }
        guard generator.identifier == manifest.generator && generator.checkpointSHA256 == manifest.checkpointSHA256 else {
            throw FileError(path: directory,
                            problem: "the dataset was sampled with '\(manifest.generator)' (checkpoint \(manifest.checkpointSHA256 ?? "none")), not '\(generator.identifier)' (checkpoint \(generator.checkpointSHA256 ?? "none"))")
        }
        return try generator.renderImages(latents.gathering(rows: indices), batchSize: batchSize)
    }
}
