import Diagnostics
import Foundation

/// Writes `data` to `path` so that the file is either absent, its previous version, or complete:
/// the bytes go to a hidden temporary file in the same folder, which is then renamed into place. Errors name
/// `path` and say why in plain words (a read-only folder, a full disk).
public func writeAtomically(_ data: Data, to path: String) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try createFolder(directory, for: path)
    let temporary = temporarySibling(of: path, kind: "tmp")
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
        throw FileError(path: path, problem: "cannot write into the folder \(directory): \(systemReason())")
    }
    var failure: Int32 = 0
    data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += written
        }
    }
    if close(descriptor) != 0 && failure == 0 { failure = errno }
    do {
        if failure != 0 { throw FileError(path: path, problem: "cannot write: \(systemReason(failure))") }
        try renameIntoPlace(temporary, path, userPath: path)
    } catch {
        unlink(temporary)
        throw error
    }
}
