import Files
import Foundation

/// The largest width or height accepted when reading an image file.
public let maximumImageDimension = 16384

/// The most pixels an image read from a file may have (4096 × 4096), whatever its shape.
public let maximumImagePixels = 1 << 24

/// Reads a whole file, turning a missing or unreadable file into a `FileError`.
func readFileBytes(_ path: String) throws -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else {
        throw FileError(path: path, problem: "no such file")
    }
    do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw FileError(path: path, problem: "cannot read file: \(error.localizedDescription)")
    }
}
