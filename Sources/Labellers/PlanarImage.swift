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

    /// Sample `index` of generator output `images` `[N, 3, H, W]` in [-1, 1], mapped to [0, 1] as (x + 1) / 2.
    public init(generatorOutput images: Tensor, index: Int) {
        precondition(images.rank == 4 && images.shape[1] == 3, "expected images [N, 3, H, W], got \(images.shape)")
        let (height, width) = (images.shape[2], images.shape[3])
        let size = 3 * height * width
        let start = index * size
        self.init(width: width, height: height,
                  values: images.storage[start..<(start + size)].map { ($0 + 1) / 2 })
    }

    /// The value of `channel` (0 R, 1 G, 2 B) at `row`, `column`.
    public subscript(channel: Int, row: Int, column: Int) -> Float {
        values[(channel * height + row) * width + column]
    }
}
