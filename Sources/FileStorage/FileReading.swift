import Diagnostics
import Foundation

/// The whole content of the file at `path`, or a `FileError` saying why it cannot be read (missing, a
/// directory, unreadable): the one way every reader loads a file.
public func readWholeFile(_ path: String) throws -> Data {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw FileError(path: path, problem: "no such file")
    }
    if isDirectory.boolValue {
        throw FileError(path: path, problem: "is a directory, not a file")
    }
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw FileError(path: path, problem: "cannot read the file: \(error.localizedDescription)")
    }
}
