import Foundation

/// Writes `data` to `path` so that the file is either absent, its previous version, or complete:
/// the bytes go to a temporary file in the same directory, which is then renamed into place.
public func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    do {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
        throw FileError(path: path, problem: "cannot create directory \(directory.path): \(error.localizedDescription)")
    }
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    do {
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            throw FileError(path: path, problem: "cannot rename into place: \(String(cString: strerror(errno)))")
        }
    } catch let error as FileError {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw FileError(path: path, problem: error.localizedDescription)
    }
}

/// Replaces the directory at `path` by a complete new one: `fill` writes into a temporary sibling
/// directory, which is renamed into place only if `fill` succeeds; on failure nothing is left behind.
public func writeDirectoryAtomically(at path: String, _ fill: (String) throws -> Void) throws {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let parent = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    do {
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        try fill(temporary.path)
        let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        let existed = FileManager.default.fileExists(atPath: url.path)
        if existed, rename(url.path, old.path) != 0 {
            throw FileError(path: path, problem: "cannot move the previous version aside: \(String(cString: strerror(errno)))")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            if existed { _ = rename(old.path, url.path) }
            throw FileError(path: path, problem: "cannot rename into place: \(reason)")
        }
        if existed { try? FileManager.default.removeItem(at: old) }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    }
}
