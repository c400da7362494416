import Diagnostics
/// The longest name accepted for anything that becomes part of a file name (attributes, classes).
public let maximumNameLength = 64

/// Why `name` cannot become part of a file name, or nil if it can: it must be 1 to `maximumNameLength`
/// ASCII letters, digits, '_', '-' or '.', and not start with '.' (so never "..", "/", a hidden file,
/// a control character or a line break). `what` names the thing in the message, e.g. "attribute name".
public func fileNameProblem(_ name: String, what: String) -> String? {
    let shown = name.unicodeScalars.count > maximumNameLength + 8
        ? String(String.UnicodeScalarView(name.unicodeScalars.prefix(maximumNameLength))) + "…" : name
    let quoted = "'" + shown.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined() + "'"
    if name.isEmpty { return "\(what) is empty" }
    if name.utf8.count > maximumNameLength {
        return "\(what) \(quoted) is longer than \(maximumNameLength) characters"
    }
    let allowed = name.utf8.allSatisfy { byte in
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
    if !allowed || name.hasPrefix(".") {
        return "\(what) \(quoted) may use only letters, digits, '_', '-' and '.', and may not start with '.'"
    }
    return nil
}

/// `name` if it can become part of a file name, else a `FileError` about `source` saying why.
@discardableResult
public func requireFileName(_ name: String, what: String, source: String) throws(FileError) -> String {
    if let problem = fileNameProblem(name, what: what) { throw FileError(path: source, problem: problem) }
    return name
}

/// `folder/name`, checked to stay directly inside `folder`: `name` must be a safe file name as
/// `fileNameProblem` defines it (so no '/', "..", or control character can lead elsewhere).
public func pathInside(_ folder: String, _ name: String, source: String) throws(FileError) -> String {
    try requireFileName(name, what: "output file name", source: source)
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
