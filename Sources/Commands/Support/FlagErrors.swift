import ArgumentParser
import Diagnostics

/// A problem with a flag's value, as the command line shows it: one line, "flag: problem".
public struct FlagError: Error, CustomStringConvertible, Sendable {
    /// "flag: problem".
    public let description: String

    /// The message for `error`, its argument named by `flags` (or by its own name when `flags` has none).
    public init(_ error: ArgumentError, flags: [ArgumentName: String]) {
        description = "\(flags[error.argument] ?? error.argument.rawValue): \(error.problem)"
    }

    /// A command's own check of its flags, `message` naming them ("--round must be at least 1"): one line and
    /// exit status 1, where ArgumentParser's `ValidationError` would add the usage text and exit with 64.
    public init(_ message: String) {
        description = message
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
