/// A file (or an input named like one) that has a problem; its description is one line, "path: problem".
public struct FileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file concerned, or a label such as "<bundle>" or an option name when there is no file.
    public let path: String
    /// What is wrong.
    public let problem: String

    /// An error saying that `path` has `problem`.
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
