import FileErrors

/// Reads a PNG or JPEG file (recognised by its first bytes, not its name) as 8-bit RGB.
public func readImage(_ path: String, maxDimension: Int = maximumImageDimension) throws -> RGBImage {
    let bytes = try readFileBytes(path)
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
        switch pngDecode(bytes, maxDimension: maxDimension) {
        case .success(let image): return image
        case .failure(let failure): throw FileError(path: path, problem: failure.message)
        }
    }
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
        switch jpegDecode(bytes, maxDimension: maxDimension) {
        case .success(let image): return image
        case .failure(let failure): throw FileError(path: path, problem: failure.message)
        }
    }
    throw FileError(path: path, problem: "neither a PNG nor a JPEG file")
}
