import Diagnostics
import FileStorage
import Foundation

/// The label used as the "path" of errors from in-memory JPEG coding.
let inMemoryJPEG = "<JPEG in memory>"

/// The image as baseline JPEG bytes; `quality` is clamped to 1...100. Sizes libjpeg cannot encode
/// (a side of 0 or above 65500) throw a `FileError`.
public func encodeJPEG(_ image: RGBImage, quality: Int = 90) throws -> Data {
    Data(try jpegEncode(image, quality: quality)
        .value(about: inMemoryJPEG, context: "cannot encode \(image.width)x\(image.height) image"))
}

/// Writes the image as a JPEG file, replaced atomically; `quality` is clamped to 1...100.
public func writeJPEG(_ image: RGBImage, to path: String, quality: Int = 90) throws {
    let bytes = try jpegEncode(image, quality: quality)
        .value(about: path, context: "cannot encode \(image.width)x\(image.height) image as JPEG")
    try writeAtomically(Data(bytes), to: path)
}

/// Decodes greyscale or colour JPEG bytes to 8-bit RGB (CMYK JPEGs throw). Any libjpeg warning, such as
/// truncated data, is an error. `label` names the source in error messages.
public func decodeJPEG(_ data: Data, label: String = "<JPEG in memory>",
                       maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try jpegDecode([UInt8](data), maxDimension: maxDimension).value(about: label)
}

/// Reads a JPEG file as 8-bit RGB; problems throw a `FileError` naming the file.
public func readJPEG(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    try jpegDecode([UInt8](readWholeFile(path)), maxDimension: maxDimension).value(about: path)
}
