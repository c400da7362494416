import ImageIO
import NumericCore

extension LatentGenerator {
    /// Renders `latents` `[N, D]` in batches of `batchSize` and returns 8-bit RGB images, calling `progress`
    /// with the number done after each batch. Memory holds one batch of float images at a time.
    public func renderImages(_ latents: Tensor, batchSize: Int = renderBatchSize,
                             progress: (Int) -> Void = { _ in }) throws -> [RGBImage] {
        var images = [RGBImage]()
        try forEachRenderedBatch(latents, batchSize: batchSize) { start, batch in
            images.append(contentsOf: rgbImages(batch))
            progress(start + batch.shape[0])
        }
        return images
    }

    /// Renders `latents` in batches of `batchSize`, handing each batch's first row index and images
    /// `[n, C, H, W]` to `body`, so that callers can stream any number of latents in flat memory.
    public func forEachRenderedBatch(_ latents: Tensor, batchSize: Int = renderBatchSize,
                                     _ body: (Int, Tensor) throws -> Void) throws {
        let count = latents.shape[0]
        var start = 0
        while start < count {
            let end = min(start + batchSize, count)
            let images: Tensor
            do {
                images = try render(latents.rows(start..<end))
            } catch GeneratorError.nonFiniteImage(let row) {
                throw GeneratorError.nonFiniteImage(row: start + row)
            }
            try body(start, images)
            start = end
        }
    }
}

/// 8-bit RGB images from generator output `[N, 3, H, W]` in [-1, 1].
public func rgbImages(_ images: Tensor) -> [RGBImage] {
    precondition(images.rank == 4 && images.shape[1] == 3, "expected images [N, 3, H, W], got \(images.shape)")
    let (height, width) = (images.shape[2], images.shape[3])
    let size = 3 * height * width
    return (0..<images.shape[0]).map { n in
        RGBImage(planarFloats: Array(images.storage[(n * size)..<((n + 1) * size)]), width: width, height: height)
    }
}
