/// A request the editor cannot carry out (classifiers, latents and method that do not fit together); the
/// description is one line naming the problem.
public struct EditError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    public let problem: String

    /// An error describing `problem`.
    public init(_ problem: String) { self.problem = problem }

    /// The problem, one line.
    public var description: String { problem }
}
