import AtomicFiles
import FileErrors
import Foundation

/// The label used as the "path" of errors from in-memory PNG coding.
let inMemoryPNG = "<PNG in memory>"

/// The image as PNG bytes (8-bit RGB, no timestamps: the same image always gives the same bytes).
public func encodePNG(_ image: RGBImage) throws -> Data {
    switch pngEncode(image) {
    case .success(let bytes): return Data(bytes)
    case .failure(let failure): throw FileError(path: inMemoryPNG, problem: failure.message)
    }
}

/// Writes the image as a PNG file; the file is replaced atomically, so it is never left half-written.
public func writePNG(_ image: RGBImage, to path: String) throws {
    let data: Data
    switch pngEncode(image) {
    case .success(let bytes): data = Data(bytes)
    case .failure(let failure): throw FileError(path: path, problem: "cannot encode PNG: \(failure.message)")
    }
    try writeAtomically(data, to: path)
}

/// Decodes PNG bytes of any colour type or bit depth to 8-bit RGB (transparency composited onto white).
/// `label` names the source in error messages.
public func decodePNG(_ data: Data, label: String = "<PNG in memory>",
                      maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    switch pngDecode([UInt8](data), maxDimension: maxDimension) {
    case .success(let image): return image
    case .failure(let failure): throw FileError(path: label, problem: failure.message)
    }
}

/// Reads a PNG file of any colour type or bit depth as 8-bit RGB (transparency composited onto white).
/// Missing files, non-PNG files, truncated data and images larger than `maxDimension` per side
/// throw a `FileError` naming the file.
public func readPNG(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    let bytes = try readFileBytes(path)
    switch pngDecode(bytes, maxDimension: maxDimension) {
    case .success(let image): return image
    case .failure(let failure): throw FileError(path: path, problem: failure.message)
    }
}
