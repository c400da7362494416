import ArgumentParser
import Files

/// A problem with a flag's value, as the command line shows it: one line, "flag: problem".
public struct FlagError: Error, CustomStringConvertible, Sendable {
    /// "flag: problem".
    public let description: String

    /// The message for `error`, its argument named by `flags` (or by its own name when `flags` has none).
    public init(_ error: ArgumentError, flags: [ArgumentName: String]) {
        description = "\(flags[error.argument] ?? error.argument.rawValue): \(error.problem)"
    }
}

/// Runs `body`; an `ArgumentError` a library throws becomes a `FlagError` naming the command's flag for the
/// argument, as `flags` maps them.
public func namingFlags<T>(_ flags: [ArgumentName: String], _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ArgumentError {
        throw FlagError(error, flags: flags)
    }
}
