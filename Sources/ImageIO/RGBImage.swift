/// An 8-bit RGB image: `pixels` holds `width * height * 3` bytes, interleaved R, G, B, row by row
/// from the top-left corner.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved RGB bytes, row-major; pixel (x, y) starts at `(y * width + x) * 3`.
    public var pixels: [UInt8]

    /// An image of the given size filled with one colour. Sizes must be non-negative.
    public init(width: Int, height: Int, fill: RGBColor = .black) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        self.width = width
        self.height = height
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        if fill != .black {
            for i in stride(from: 0, to: pixels.count, by: 3) {
                pixels[i] = fill.r
                pixels[i + 1] = fill.g
                pixels[i + 2] = fill.b
            }
        }
        self.pixels = pixels
    }

    /// An image wrapping existing interleaved RGB bytes; `pixels.count` must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "RGBImage: negative size \(width)x\(height)")
        precondition(pixels.count == width * height * 3,
                     "RGBImage: \(pixels.count) bytes for \(width)x\(height) (expected \(width * height * 3))")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Whether (x, y) lies inside the image.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// The colour at (x, y), which must lie inside the image.
    public subscript(x: Int, y: Int) -> RGBColor {
        get {
            precondition(contains(x: x, y: y), "RGBImage: pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            return RGBColor(pixels[i], pixels[i + 1], pixels[i + 2])
        }
        set {
            precondition(contains(x: x, y: y), "RGBImage: pixel (\(x), \(y)) outside \(width)x\(height)")
            let i = (y * width + x) * 3
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
        }
    }

    /// Mixes `color` into (x, y) with the given opacity (0...1) if it lies inside the image.
    public mutating func blendPixel(x: Int, y: Int, _ color: RGBColor, opacity: Double) {
        guard contains(x: x, y: y), opacity > 0 else { return }
        self[x, y] = self[x, y].mixed(with: color, fraction: opacity)
    }

    /// Fills the rectangle with top-left corner (x, y) and the given size; the part outside the image is ignored.
    public mutating func fillRect(x: Int, y: Int, width w: Int, height h: Int, color: RGBColor) {
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x + w, width), y1 = min(y + h, height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            var i = (row * width + x0) * 3
            for _ in x0..<x1 {
                pixels[i] = color.r
                pixels[i + 1] = color.g
                pixels[i + 2] = color.b
                i += 3
            }
        }
    }

    /// Draws the outline of the given rectangle, `thickness` pixels wide, inside its bounds.
    public mutating func strokeRect(x: Int, y: Int, width w: Int, height h: Int, color: RGBColor, thickness: Int = 1) {
        guard w > 0, h > 0, thickness > 0 else { return }
        let t = min(thickness, w, h)
        fillRect(x: x, y: y, width: w, height: t, color: color)
        fillRect(x: x, y: y + h - t, width: w, height: t, color: color)
        fillRect(x: x, y: y, width: t, height: h, color: color)
        fillRect(x: x + w - t, y: y, width: t, height: h, color: color)
    }

    /// Copies `source` into this image with its top-left corner at (x, y); parts outside are clipped.
    public mutating func draw(_ source: RGBImage, x: Int, y: Int) {
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x + source.width, width), y1 = min(y + source.height, height)
        guard x0 < x1, y0 < y1 else { return }
        let rowBytes = (x1 - x0) * 3
        for row in y0..<y1 {
            let dst = (row * width + x0) * 3
            let src = ((row - y) * source.width + (x0 - x)) * 3
            pixels.replaceSubrange(dst..<dst + rowBytes, with: source.pixels[src..<src + rowBytes])
        }
    }

    /// This image enlarged by an integer factor, each pixel becoming a `factor × factor` block.
    public func scaled(by factor: Int) -> RGBImage {
        precondition(factor >= 1, "RGBImage.scaled: factor must be at least 1")
        if factor == 1 { return self }
        var out = RGBImage(width: width * factor, height: height * factor)
        for y in 0..<out.height {
            let sy = y / factor
            for x in 0..<out.width {
                let s = (sy * width + x / factor) * 3
                let d = (y * out.width + x) * 3
                out.pixels[d] = pixels[s]
                out.pixels[d + 1] = pixels[s + 1]
                out.pixels[d + 2] = pixels[s + 2]
            }
        }
        return out
    }

    /// The sub-image with top-left corner (x, y) and the given size, which must lie inside the image.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBImage {
        precondition(x >= 0 && y >= 0 && w >= 0 && h >= 0 && x + w <= width && y + h <= height,
                     "RGBImage.cropped: rectangle outside the image")
        var out = RGBImage(width: w, height: h)
        out.draw(self, x: -x, y: -y)
        return out
    }
}
