import Foundation
import Files


/// Reads a PNG or JPEG file (recognised by its first bytes, not its name) as 8-bit RGB.
public func readImage(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try decodeImage(Data(try readFileBytes(path)), label: path, maxDimension: maxDimension)
}
