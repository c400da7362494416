import Diagnostics
import Foundation

/// Throws a one-line `FileError` about `source` unless `data` is one strict JSON value (RFC 8259, valid UTF-8,
/// no duplicate object key, nesting at most 64 deep). Run it before Foundation's `JSONDecoder`, which
/// silently keeps one of two duplicate keys. `what` names the document in the message, e.g. "manifest".
public func requireStrictJSON(_ data: Data, source: String, what: String) throws {
    let bytes = [UInt8](data)
    guard isValidUTF8(bytes) else { throw FileError(path: source, problem: "\(what): not valid UTF-8") }
    do {
        _ = try JSONParser.parse(bytes)
    } catch {
        throw FileError(path: source, problem: "\(what): malformed JSON: \(error.message)")
    }
}
