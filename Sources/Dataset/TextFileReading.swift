import Diagnostics
import Foundation

/// The largest text file (labels CSV) read: 256 MB, far above a million labelled rows.
public let maximumTextFileBytes = 256 << 20

/// The UTF-8 text of the file at `path`, or a one-line `FileError` naming it: no such file, a folder, too
/// large, unreadable, or not UTF-8.
public func readTextFile(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw FileError(path: path, problem: "no such file")
    }
    guard !isDirectory.boolValue else { throw FileError(path: path, problem: "is a folder, not a file") }
    if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumTextFileBytes {
        throw FileError(path: path, problem: "is \(size) bytes, more than the limit of \(maximumTextFileBytes)")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw FileError(path: path, problem: "cannot be read (\(FileManager.default.isReadableFile(atPath: path) ? "read error" : "permission denied"))")
    }
    guard let text = String(data: data, encoding: .utf8) else { throw FileError(path: path, problem: "is not UTF-8 text") }
    return text
}
