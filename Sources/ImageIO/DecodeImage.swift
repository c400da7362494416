import Diagnostics
import Foundation

/// Decodes PNG or JPEG bytes (recognised by their first bytes) as 8-bit RGB; `label` names the source in
/// errors, which say "neither a PNG nor a JPEG" for anything else.
public func decodeImage(_ data: Data, label: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
        return try pngDecode(bytes, maxDimension: maxDimension).value(about: label)
    }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
        return try jpegDecode(bytes, maxDimension: maxDimension).value(about: label)
    }
    throw FileError(path: label, problem: "neither a PNG nor a JPEG file")
}
