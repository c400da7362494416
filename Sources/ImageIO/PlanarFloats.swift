extension RGBImage {
    /// Converts a planar (channel, row, column) float image with 3 channels to 8-bit RGB.
    ///
    /// Values are mapped linearly from `range` to 0...255, rounded to nearest and clamped; NaN becomes 0.
    /// With the default range -1...1 this is `((x + 1) / 2 * 255).rounded()`, the convention for
    /// generator outputs of shape [3, height, width].
    public init(planarFloats: [Float], width: Int, height: Int, range: ClosedRange<Float> = -1...1) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        precondition(planarFloats.count == 3 * width * height,
                     "RGBImage(planarFloats:): \(planarFloats.count) values for 3x\(height)x\(width)")
        precondition(range.upperBound > range.lowerBound, "RGBImage(planarFloats:): empty range")
        let plane = width * height
        let low = range.lowerBound
        let span = range.upperBound - range.lowerBound
        var pixels = [UInt8](repeating: 0, count: plane * 3)
        for c in 0..<3 {
            for p in 0..<plane {
                let x = planarFloats[c * plane + p]
                let scaled = ((x - low) / span * 255).rounded()
                // `!(scaled > 0)` also catches NaN.
                pixels[p * 3 + c] = !(scaled > 0) ? 0 : (scaled >= 255 ? 255 : UInt8(scaled))
            }
        }
        self.init(width: width, height: height, pixels: pixels)
    }

    /// The image as planar floats [3, height, width], each 8-bit value `v` mapped to
    /// `range.lowerBound + v / 255 * (range.upperBound - range.lowerBound)` (default 0...1).
    public func planarFloats(range: ClosedRange<Float> = 0...1) -> [Float] {
        let plane = width * height
        let low = range.lowerBound
        let span = range.upperBound - range.lowerBound
        var out = [Float](repeating: 0, count: plane * 3)
        for p in 0..<plane {
            for c in 0..<3 {
                out[c * plane + p] = low + Float(pixels[p * 3 + c]) / 255 * span
            }
        }
        return out
    }
}
