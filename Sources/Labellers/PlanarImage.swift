import NumericCore

/// An RGB image as the labellers see it: three planes (R, G, B) of `height × width` values in [0, 1],
/// rows and columns 0-based from the top-left corner.
public struct PlanarImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `3 × height × width` values, plane by plane, each plane row by row.
    public let values: [Float]

    /// Wraps planar values; `values.count` must be `3 * height * width`.
    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == 3 * width * height,
                     "a \(width)×\(height) RGB image needs \(3 * width * height) values, got \(values.count)")
        self.width = width
        self.height = height
        self.values = values
    }

    /// The side of the square images the built-in labellers' regions are defined on.
    public static let labellerSide = 64

    /// Whether the built-in labellers can read images of `shape` `[3, H, W]`: square RGB of side 64, or of a
    /// multiple of 64, which is area-resized to 64 (each pixel the mean of its block).
    public static func labellersRead(_ shape: [Int]?) -> Bool {
        guard let shape, shape.count == 3, shape[0] == 3, shape[1] == shape[2] else { return false }
        return shape[1] >= labellerSide && shape[1] % labellerSide == 0
    }

    /// Sample `index` of generator output `images` `[N, 3, H, W]` in [-1, 1], mapped to [0, 1] as (x + 1) / 2;
    /// a square image whose side is a multiple of 64 (a StyleGAN's 256 or 1024) is area-resized to 64 × 64.
    public init(generatorOutput images: Tensor, index: Int) {
        precondition(images.rank == 4 && images.shape[1] == 3, "expected images [N, 3, H, W], got \(images.shape)")
        let (height, width) = (images.shape[2], images.shape[3])
        let size = 3 * height * width
        let start = index * size
        let factor = height == width && height > Self.labellerSide && height % Self.labellerSide == 0
            ? height / Self.labellerSide : 1
        guard factor > 1 else {
            self.init(width: width, height: height, values: images.storage[start..<(start + size)].map { ($0 + 1) / 2 })
            return
        }
        let side = Self.labellerSide
        var values = [Float](repeating: 0, count: 3 * side * side)
        let scale = 1 / Float(factor * factor)
        images.storage.withUnsafeBufferPointer { source in
            for channel in 0..<3 {
                for row in 0..<side {
                    for column in 0..<side {
                        var sum: Float = 0
                        for dy in 0..<factor {
                            let base = start + (channel * height + row * factor + dy) * width + column * factor
                            for dx in 0..<factor { sum += source[base + dx] }
                        }
                        values[(channel * side + row) * side + column] = (sum * scale + 1) / 2
                    }
                }
            }
        }
        self.init(width: side, height: side, values: values)
    }

    /// The value of `channel` (0 R, 1 G, 2 B) at `row`, `column`.
    public subscript(channel: Int, row: Int, column: Int) -> Float {
        values[(channel * height + row) * width + column]
    }
}
