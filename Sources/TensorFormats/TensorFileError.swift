/// An error reading or encoding a tensor file; its description is one line, "path: problem".
public struct TensorFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file (or in-memory source name) the problem is about.
    public let path: String
    /// What is wrong, in one line.
    public let problem: String

    /// Makes an error about `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// "path: problem", one line (line breaks inside either part are shown as `\n`, `\r`).
    public var description: String { "\(singleLine(path)): \(singleLine(problem))" }
}

/// `text` with carriage returns and line feeds written as escapes, so it fits on one line.
private func singleLine(_ text: String) -> String {
    guard text.contains(where: \.isNewline) else { return text }
    var output = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": output += "\\u{\(String(scalar.value, radix: 16))}"
        default: output.unicodeScalars.append(scalar)
        }
    }
    return output
}
