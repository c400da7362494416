import FileStorage
import Foundation

/// The largest width or height accepted when reading an image file.
public let maximumImageDimension = 16384

/// The most pixels an image read from a file may have (4096 × 4096), whatever its shape.
public let maximumImagePixels = 1 << 24

/// Reads a PNG or JPEG file (recognised by its first bytes, not its name) as 8-bit RGB.
public func readImage(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try decodeImage(readWholeFile(path), label: path, maxDimension: maxDimension)
}
