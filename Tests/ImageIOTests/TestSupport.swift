@_exported import CommandTestSupport
import Foundation
import ImageIO

/// A deterministic pseudo-random image.
func noiseImage(width: Int, height: Int, seed: UInt64 = 42) -> RGBImage {
    var state = seed
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    for i in pixels.indices {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        pixels[i] = UInt8(truncatingIfNeeded: state >> 56)
    }
    return RGBImage(width: width, height: height, pixels: pixels)
}

/// A smooth image (compresses well, survives JPEG nearly unchanged).
func gradientImage(width: Int, height: Int) -> RGBImage {
    var image = RGBImage(width: width, height: height)
    for y in 0..<height {
        for x in 0..<width {
            image[x, y] = RGBColor(UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), 128)
        }
    }
    return image
}

/// Number of pixels that differ from `color`.
func countPixels(in image: RGBImage, differentFrom color: RGBColor) -> Int {
    var count = 0
    for y in 0..<image.height {
        for x in 0..<image.width where image[x, y] != color { count += 1 }
    }
    return count
}
