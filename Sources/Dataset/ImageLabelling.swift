import Generator
import Labellers
import NumericCore

/// Labels every image of a batch `[n, 3, H, W]` (the generator's output, in [-1, 1]) with each of `labellers`,
/// appending one class per image to each labeller's column of `labels` and each image's scores (the labellers'
/// in order) to `scores`.
func appendLabels(of images: Tensor, labellers: [any ImageLabeller], to labels: inout [[Int?]], scores: inout [Float]) {
    for sample in 0..<images.shape[0] where !labellers.isEmpty {
        let image = PlanarImage(generatorOutput: images, index: sample)
        for (column, labeller) in labellers.enumerated() {
            let label = labeller.label(image)
            labels[column].append(label.classIndex)
            scores.append(contentsOf: label.scores)
        }
    }
}

extension LabelledDataset {
    /// The built-in labellers that made this dataset's attributes, in order (each attribute exactly as that
    /// labeller describes it, its scores in the same columns), or nil when any attribute has another origin
    /// (hand labels, an import, a labeller with other parameters).
    public var builtInLabellers: [any ImageLabeller]? {
        var labellers = [any ImageLabeller]()
        var column = 0
        for attribute in manifest.attributes {
            guard case .labeller(let name, _) = attribute.origin,
                  let labeller = try? BuiltInLabellers.named([name])[0],
                  labeller.attribute(firstScoreColumn: column) == attribute else { return nil }
            labellers.append(labeller)
            column += labeller.scoreCount
        }
        return labellers
    }

    /// Renders `latents` `[M, D]` with `generator` in batches of `batchSize` and labels them with `labellers`
    /// (this dataset's built-in labellers), as rows to append to this dataset: the same attributes and score
    /// columns, no seed (the rows are not a prior sample).
    public func labelledRows(_ latents: Tensor, generator: any LatentGenerator, labellers: [any ImageLabeller],
                             batchSize: Int = renderBatchSize) throws -> LabelledDataset {
        let m = latents.shape[0]
        var labels = [[Int?]](repeating: [], count: labellers.count)
        var scores = [Float]()
        for start in stride(from: 0, to: m, by: batchSize) {
            let images = try generator.render(latents.gathering(rows: Array(start..<min(start + batchSize, m))))
            appendLabels(of: images, labellers: labellers, to: &labels, scores: &scores)
        }
        let width = self.scores?.shape[1] ?? 0
        return try LabelledDataset(manifest: unseededManifest(count: m), latents: latents, labels: labels,
                                   scores: width == 0 ? nil : Tensor(shape: [m, width], storage: scores))
    }

    /// This dataset followed by the rows of `other` (the same attributes and score columns), with no seed.
    public func appending(_ other: LabelledDataset) throws -> LabelledDataset {
        precondition(other.manifest.attributes == manifest.attributes, "appended rows must have the same attributes")
        let latents = Tensor(shape: [count + other.count, self.latents.shape[1]],
                             storage: self.latents.storage + other.latents.storage)
        let scores = self.scores.map { mine in
            Tensor(shape: [count + other.count, mine.shape[1]], storage: mine.storage + (other.scores?.storage ?? []))
        }
        return try LabelledDataset(manifest: unseededManifest(count: count + other.count), latents: latents,
                                   labels: zip(labels, other.labels).map { $0 + $1 }, scores: scores)
    }

    /// This dataset's manifest for `count` rows that are not a prior sample: no seed, no stored images.
    private func unseededManifest(count: Int) -> DatasetManifest {
        DatasetManifest(generator: manifest.generator, checkpointSHA256: manifest.checkpointSHA256,
                        latentDimension: manifest.latentDimension, seed: nil, count: count, imagesStored: false,
                        attributes: manifest.attributes)
    }
}
