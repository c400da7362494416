import Diagnostics
import FileStorage
import Foundation

/// The label used as the "path" of errors from in-memory PNG coding.
let inMemoryPNG = "<PNG in memory>"

/// The image as PNG bytes (8-bit RGB, no timestamps: the same image always gives the same bytes).
public func encodePNG(_ image: RGBImage) throws -> Data {
    Data(try pngEncode(image).value(about: inMemoryPNG))
}

/// Writes the image as a PNG file; the file is replaced atomically, so it is never left half-written.
public func writePNG(_ image: RGBImage, to path: String) throws {
    try writeAtomically(Data(try pngEncode(image).value(about: path, context: "cannot encode PNG")), to: path)
}

/// Decodes PNG bytes of any colour type or bit depth to 8-bit RGB (transparency composited onto white).
/// `label` names the source in error messages.
public func decodePNG(_ data: Data, label: String = "<PNG in memory>",
                      maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try pngDecode([UInt8](data), maxDimension: maxDimension).value(about: label)
}

/// Reads a PNG file of any colour type or bit depth as 8-bit RGB (transparency composited onto white).
/// Missing files, non-PNG files, truncated data and images larger than `maxDimension` per side
/// throw a `FileError` naming the file.
public func readPNG(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try pngDecode([UInt8](readWholeFile(path)), maxDimension: maxDimension).value(about: path)
}
