import Files
import Foundation

/// The largest width or height accepted when reading an image file.
public let maximumImageDimension = 16384

/// Reads a PNG or JPEG file (recognised by its first bytes, not its name) as 8-bit RGB.
public func readImage(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    let bytes = try [UInt8](readWholeFile(path))
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
        return try pngDecode(bytes, maxDimension: maxDimension).value(about: path)
    }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
        return try jpegDecode(bytes, maxDimension: maxDimension).value(about: path)
    }
    throw FileError(path: path, problem: "neither a PNG nor a JPEG file")
}
