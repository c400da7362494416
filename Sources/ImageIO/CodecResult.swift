import Diagnostics


/// A codec library's explanation of a failure, in one line.
protocol CodecFailure: Error {
    /// What the library said.
    var message: String { get }
}

extension PNGFailure: CodecFailure {}
extension JPEGFailure: CodecFailure {}

extension Result where Failure: CodecFailure {
    /// The value, or a `FileError` about `path` whose problem is the library's message, after `context` and a
    /// colon when given.
    func value(about path: String, context: String? = nil) throws -> Success {
        try mapError { failure in
            FileError(path: path, problem: context.map { "\($0): \(failure.message)" } ?? failure.message)
        }.get()
    }
}
