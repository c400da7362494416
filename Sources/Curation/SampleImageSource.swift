import Dataset
import Diagnostics
import Foundation
import Generator
import ImageIO

/// The PNG of each sample for the page: the stored file when the dataset keeps images, else rendered by the
/// generator in blocks of `blockSize` and kept in memory.
public actor SampleImageSource {
    private let dataset: LabelledDataset
    private let folder: String
    private let generator: (any LatentGenerator)?
    private let blockSize: Int
    private var cache = [Int: Data]()
    /// Why there are no images, in words for the page, or nil when there are.
    public nonisolated let unavailableReason: String?

    /// A source for `dataset` in `folder`, rendering with `generator` when no images are stored. Whether
    /// images can be shown is decided here, once, by the dataset's own checks (external latents, another
    /// generator, no generator).
    public init(dataset: LabelledDataset, folder: String, generator: (any LatentGenerator)?, blockSize: Int = 16) {
        self.dataset = dataset
        self.folder = folder
        self.generator = generator
        self.blockSize = max(1, blockSize)
        var reason: String?
        if dataset.count == 0 {
            reason = "the dataset has no samples"
        } else if !dataset.manifest.imagesStored {
            do { _ = try dataset.images(of: [0], folder: folder, generator: generator) } catch let error as FileError {
                reason = error.problem
            } catch {
                reason = "\(error)"
            }
        }
        unavailableReason = reason
    }

    /// The PNG bytes of sample `index`. Throws `CurationRequestError` for an index outside the dataset or
    /// when the dataset has no images to show.
    public func png(of index: Int) throws -> Data {
        guard (0..<dataset.count).contains(index) else {
            throw CurationRequestError(.notFound, "no sample \(index) (the dataset has \(dataset.count))")
        }
        if let reason = unavailableReason { throw CurationRequestError(.notFound, "no image: \(reason)") }
        if let cached = cache[index] { return cached }
        if dataset.manifest.imagesStored {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(DatasetFiles.image(index)).path
            guard let bytes = FileManager.default.contents(atPath: path) else {
                throw CurationRequestError(.notFound, "no stored image for sample \(index)")
            }
            return bytes
        }
        let start = index / blockSize * blockSize
        let block = Array(start..<min(start + blockSize, dataset.count))
        let images = try dataset.images(of: block, folder: folder, generator: generator)
        for (sample, image) in zip(block, images) { cache[sample] = try encodePNG(image) }
        return cache[index]!
    }
}
