/// A problem with what the user asked a job to do; the description is one line for the terminal.
public struct JobError: Error, CustomStringConvertible {
    /// What is wrong and, where it helps, what to do instead.
    public let description: String

    /// An error with the given one-line description.
    public init(_ description: String) { self.description = description }
}
