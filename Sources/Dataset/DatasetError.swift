import Foundation

/// An error about a dataset file or input; its description is one line, "path: problem".
public struct DatasetError: Error, CustomStringConvertible, Equatable {
    /// The file, folder or option concerned.
    public let path: String
    /// What is wrong.
    public let problem: String

    /// An error about `path`; line breaks in `problem` become spaces.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem.replacingOccurrences(of: "\n", with: " ")
    }

    /// "path: problem".
    public var description: String { "\(path): \(problem)" }
}
