import Diagnostics
import Foundation

/// The C library's plain-words text for `code` (default: the current `errno`), e.g. "Permission denied".
func systemReason(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

/// Whether anything (file, folder, link) is at `path`.
func somethingExists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

/// The inode of what is at `path`, or nil if nothing is.
func inode(_ path: String) -> UInt64? {
    var info = stat()
    return lstat(path, &info) == 0 ? UInt64(info.st_ino) : nil
}

/// Creates the folder `directory` and its missing parents; errors name `userPath`, the output the folder is
/// for, and say in plain words why (a file in the way, no permission).
public func createFolder(_ directory: String, for userPath: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            throw FileError(path: userPath, problem: "cannot create the folder \(directory): a file is in the way")
        }
        return
    }
    let parent = (directory as NSString).deletingLastPathComponent
    if !parent.isEmpty && parent != directory { try createFolder(parent, for: userPath) }
    if mkdir(directory, 0o755) != 0 && errno != EEXIST {
        throw FileError(path: userPath, problem: "cannot create the folder \(directory): \(systemReason())")
    }
}

/// A hidden sibling name for work in progress on `path`: `.<name>.<kind>-<pid>-<random>`. `removeLeftovers`
/// recognises these names and removes those whose process is gone.
func temporarySibling(of path: String, kind: String) -> String {
    let url = URL(fileURLWithPath: path)
    let name = ".\(url.lastPathComponent).\(kind)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    return url.deletingLastPathComponent().appendingPathComponent(name).path
}

/// Renames `source` to `destination` (atomic on one file system), between two commit points; errors name
/// `userPath` and the reason, never the hidden temporary name.
func renameIntoPlace(_ source: String, _ destination: String, userPath: String) throws {
    commitPoint()
    guard rename(source, destination) == 0 else {
        throw FileError(path: userPath, problem: "cannot put the file in place: \(systemReason())")
    }
    commitPoint()
}

/// Removes the file or folder at `path` and everything in it, ignoring errors.
func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}
