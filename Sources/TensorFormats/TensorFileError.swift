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

    /// "path: problem", one line.
    public var description: String { "\(path): \(problem)" }
}
