import CFileSystem
import Diagnostics
import Foundation

/// Replaces the directory at `path` by a complete new one: `fill` writes into a hidden temporary sibling
/// folder, which takes the place of the old one in a single step (Linux `renameat2` with `RENAME_EXCHANGE`)
/// only if `fill` succeeds, so the path always holds the old folder or the new one, never nothing. Leftovers
/// of interrupted earlier runs beside `path` are removed first; on failure nothing new is left behind.
public func writeDirectoryAtomically(at path: String, _ fill: (String) throws -> Void) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let parent = url.deletingLastPathComponent().path
    try createFolder(parent, for: path)
    removeLeftovers(in: parent)
    let temporary = temporarySibling(of: url.path, kind: "tmp")
    guard mkdir(temporary, 0o755) == 0 else {
        throw FileError(path: path, problem: "cannot write into the folder \(parent): \(systemReason())")
    }
    do {
        try fill(temporary)
        try replace(url.path, with: temporary, userPath: path)
    } catch {
        removeTree(temporary)
        throw error
    }
}

/// Puts `source` (a file or folder) at `destination`: a plain rename when nothing is there, else an atomic
/// exchange followed by removing the old version, which then sits at `source`. Where the file system cannot
/// exchange, the old version is renamed aside first (the path is then briefly empty).
func replace(_ destination: String, with source: String, userPath: String) throws {
    guard somethingExists(destination) else {
        try renameIntoPlace(source, destination, userPath: userPath)
        return
    }
    commitPoint()
    if gradctrl_exchange_paths(source, destination) == 0 {
        commitPoint()
        removeTree(source)
        return
    }
    let reason = errno
    guard reason == ENOSYS || reason == EINVAL else {
        throw FileError(path: userPath, problem: "cannot put the new version in place: \(systemReason(reason))")
    }
    let aside = temporarySibling(of: destination, kind: "old")
    guard rename(destination, aside) == 0 else {
        throw FileError(path: userPath, problem: "cannot move the previous version aside: \(systemReason())")
    }
    do {
        try renameIntoPlace(source, destination, userPath: userPath)
    } catch {
        _ = rename(aside, destination)
        throw error
    }
    removeTree(aside)
}
