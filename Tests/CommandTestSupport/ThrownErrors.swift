// Thrown errors as text, so that a test checks the message a user would read.

/// The error thrown by `body`, as its description; nil if nothing was thrown.
public func thrownDescription(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}
