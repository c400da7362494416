/// The name of a value a caller passes to a library, as the library's API calls it (`topChannels`,
/// `multiclass`, …). Each library declares the names it can reject as static members; a command-line tool maps
/// them to its own flags, so that no library spells a flag.
public struct ArgumentName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The parameter's name in the API.
    public let rawValue: String

    /// The name `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The parameter's name.
    public var description: String { rawValue }
}

/// A value given to a library that it cannot use: which one, and why. Its description is one line,
/// "argument: problem"; a command replaces the argument's name by its flag's.
public struct ArgumentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The value concerned.
    public let argument: ArgumentName
    /// What is wrong with it, and where it helps, what would do.
    public let problem: String

    /// An error saying that `argument` has `problem`.
    public init(_ argument: ArgumentName, _ problem: String) {
        self.argument = argument
        self.problem = problem
    }

    /// "argument: problem".
    public var description: String { "\(argument): \(problem)" }
}
