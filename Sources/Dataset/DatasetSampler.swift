import Diagnostics
import FileStorage
import Foundation
import Generator
import ImageIO
import Labellers
import NumericCore

/// Draws latents from a generator's prior, renders them in batches and labels each image with the chosen
/// labellers, holding one batch of images at a time however many samples there are.
///
/// All N × D normals come, batch after batch, from one `RandomSource(seed)`, so the first n samples of a run
/// with N > n equal a run of n with the same seed, and the same seed always gives the same bytes, whatever the
/// batch size (a sample's image is made by products summed in index order, ``orderedSgemm``, so it does not
/// depend on the batch it is rendered in, or on the CPU). A run can reuse the samples of an earlier dataset of
/// the same generator, seed and labellers (`reusing:`): it keeps all of them up to N, replays the random stream
/// past them and renders only the rest, so extending a dataset gives the same bytes as sampling that many from
/// scratch.
public struct DatasetSampler: Sendable {
    /// The generator to sample and render.
    public let generator: any LatentGenerator
    /// The labellers applied to every image, in column order.
    public let labellers: [any ImageLabeller]
    /// The number of samples N.
    public let count: Int
    /// The seed of the latents.
    public let seed: UInt64
    /// Latents rendered at once.
    public let batchSize: Int
    /// The part of the run this sampler makes (`samples` of the N), or nil for all of it.
    public let shard: DatasetManifest.Shard?

    /// The samples of the seed's stream this sampler renders: `0..<count`, or its shard's.
    public var samples: Range<Int> { shard?.samples ?? 0..<count }

    /// A sampler; throws if the generator cannot render 64×64 RGB images for the labellers, or if `count`,
    /// `batchSize` are not positive.
    /// With `shard: (k, n)`, the sampler makes only the k-th of n parts of the run of `count` (from 1; cut as
    /// evenly as whole samples allow); `DatasetMerge` joins the parts into the bytes of the whole run.
    public init(generator: any LatentGenerator, labellers: [any ImageLabeller], count: Int, seed: UInt64,
                batchSize: Int = renderBatchSize, shard: (index: Int, of: Int)? = nil) throws {
        guard count > 0 else { throw ArgumentError(.count, "must be positive, is \(count)") }
        guard batchSize > 0 else { throw ArgumentError(.batchSize, "must be positive, is \(batchSize)") }
        if let shard {
            guard shard.of >= 1, shard.of <= count, (1...shard.of).contains(shard.index) else {
                throw ArgumentError(.shard, "must be K/N with 1 ≤ K ≤ N ≤ the count (\(count)), is \(shard.index)/\(shard.of)")
            }
        }
        guard generator.canRender else {
            throw FileError(path: generator.identifier, problem: "this generator cannot render here, so its latents cannot be labelled from images")
        }
        if !labellers.isEmpty && !PlanarImage.labellersRead(generator.imageShape) {
            throw FileError(path: generator.identifier,
                            problem: "the built-in labellers need square RGB images of side 64 or a multiple of 64 (area-resized to 64), the generator makes \(generator.imageShape ?? [])")
        }
        self.generator = generator
        self.labellers = labellers
        self.count = count
        self.seed = seed
        self.batchSize = batchSize
        self.shard = shard.map { DatasetManifest.Shard(index: $0.index, of: $0.of, total: count) }
    }

    /// The attributes the labellers produce, with their score columns laid out one after another.
    public var attributes: [Attribute] {
        var first = 0
        return labellers.map { labeller in
            defer { first += labeller.scoreCount }
            return labeller.attribute(firstScoreColumn: first)
        }
    }

    /// How many leading samples of `earlier` a run can keep: all of them up to N, when it was sampled from this
    /// generator with this seed and these labellers, without images; 0 otherwise.
    public func reusableCount(of earlier: LabelledDataset) -> Int {
        let manifest = earlier.manifest
        guard shard == nil, manifest.shard == nil, manifest.generator == generator.identifier, manifest.checkpointSHA256 == generator.checkpointSHA256,
              manifest.seed == seed, manifest.attributes == attributes, !manifest.imagesStored,
              manifest.latentDimension == generator.latentDimension,
              (earlier.scores?.shape[1] ?? 0) == (attributes.last?.scores?.range.upperBound ?? 0) else { return 0 }
        return min(earlier.count, count)
    }

    /// Samples, renders and labels all N (keeping `reusableCount(of: earlier)` samples of `earlier` as
    /// they are); `eachBatch` receives each new batch's first index and its images [n, 3, H, W] in [-1, 1]
    /// (to store them, say), and `progress` the number done after each batch.
    public func run(reusing earlier: LabelledDataset? = nil, eachBatch: (Int, Tensor) throws -> Void = { _, _ in },
                    progress: (Int) -> Void = { _ in }) throws -> LabelledDataset {
        let attributes = self.attributes
        let scoreWidth = attributes.last?.scores?.range.upperBound ?? 0
        let kept = earlier.map(reusableCount) ?? 0
        let rows = samples.count
        var random = RandomSource(seed: seed)
        skipPrior(samples.lowerBound, random: &random)
        var latents = [Float]()
        latents.reserveCapacity(rows * generator.latentDimension)
        var labels = [[Int?]](repeating: [], count: labellers.count)
        var scores = [Float]()
        scores.reserveCapacity(rows * scoreWidth)
        if let earlier, kept > 0 {
            _ = generator.samplePrior(count: kept, random: &random)
            latents += earlier.latents.storage[0..<(kept * generator.latentDimension)]
            for column in labels.indices { labels[column] = Array(earlier.labels[column][0..<kept]) }
            if let earlierScores = earlier.scores { scores += earlierScores.storage[0..<(kept * scoreWidth)] }
            progress(kept)
        }
        var start = kept
        while start < rows {
            let batch = try generator.drawPrior(count: min(batchSize, rows - start), random: &random)
            latents.append(contentsOf: batch.storage)
            let images = try generator.render(batch)
            appendLabels(of: images, labellers: labellers, to: &labels, scores: &scores)
            try eachBatch(start, images)
            start += batch.shape[0]
            progress(start)
        }
        var manifest = DatasetManifest(generator: generator.identifier, checkpointSHA256: generator.checkpointSHA256,
                                       latentDimension: generator.latentDimension, seed: seed, count: rows,
                                       imagesStored: false, attributes: attributes)
        manifest.shard = shard
        return try LabelledDataset(manifest: manifest,
                                   latents: Tensor(shape: [rows, generator.latentDimension], storage: latents),
                                   labels: labels,
                                   scores: scoreWidth == 0 ? nil : Tensor(shape: [rows, scoreWidth], storage: scores))
    }

    /// Draws and drops the first `count` latents of the stream (a shard starts past them), a bounded number at
    /// a time.
    private func skipPrior(_ count: Int, random: inout RandomSource) {
        var left = count
        while left > 0 {
            let rows = min(left, 4096)
            _ = generator.samplePrior(count: rows, random: &random)
            left -= rows
        }
    }

    /// Samples into the folder `directory`, atomically (a failure or interruption leaves no partial dataset
    /// and any previous one untouched), with a PNG per sample in `images/` if `storeImages`.
    public func write(to directory: String, storeImages: Bool = false, reusing earlier: LabelledDataset? = nil,
                      progress: (Int) -> Void = { _ in }) throws -> LabelledDataset {
        var result: LabelledDataset?
        try writeDirectoryAtomically(at: directory) { temporary in
            var dataset = try run(reusing: storeImages ? nil : earlier, eachBatch: { start, images in
                guard storeImages else { return }
                for (offset, image) in rgbImages(images).enumerated() {
                    try writePNG(image, to: DatasetFiles.path(temporary, DatasetFiles.image(start + offset)))
                }
            }, progress: progress)
            dataset.markImagesStored(storeImages)
            try dataset.writeFiles(into: temporary)
            result = dataset
        }
        return result!
    }
}
