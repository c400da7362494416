/// A bundle that cannot be written or read, or a request it cannot serve; the description is one line naming
/// the file and the problem.
public struct BundleError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The bundle file (or "<bundle>" before it has one).
    public let path: String
    /// What is wrong.
    public let problem: String

    /// An error about `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// "path: problem".
    public var description: String { "\(path): \(problem)" }
}
