/// An image could not be read, decoded or encoded; its description is one line, "path: problem".
public struct ImageFileError: Error, CustomStringConvertible, Equatable {
    /// The file concerned, or a label such as "<PNG in memory>" for in-memory coding.
    public let path: String
    /// What went wrong, one line.
    public let problem: String

    /// An error about `path`; line breaks in `problem` are replaced by spaces.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// "path: problem".
    public var description: String { "\(path): \(problem)" }
}

/// The largest width or height accepted when reading an image file.
public let maximumImageDimension = 16384

/// Reads a whole file, turning a missing or unreadable file into an `ImageFileError`.
func readFileBytes(_ path: String) throws -> [UInt8] {
    guard FileManager.default.fileExists(atPath: path) else {
        throw ImageFileError(path: path, problem: "no such file")
    }
    do {
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw ImageFileError(path: path, problem: "cannot read file: \(error.localizedDescription)")
    }
}

import Foundation
