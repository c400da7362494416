/// A request the server refuses: an HTTP status in the 4xx range and a one-line reason.
public struct CurationRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The refusals the server gives.
    public enum Status: Int, Sendable {
        /// Malformed body, unknown field values, a class out of range.
        case badRequest = 400
        /// A Host header that is not this server (a rebinding page).
        case forbidden = 403
        /// An unknown path or sample.
        case notFound = 404
        /// A method the path does not take.
        case methodNotAllowed = 405
        /// The dataset's labels file was changed by another program since this server read it.
        case conflict = 409
        /// A body larger than the server reads.
        case payloadTooLarge = 413
        /// A body that is not JSON.
        case unsupportedMediaType = 415
    }

    /// The HTTP status.
    public let status: Status
    /// Why, for the person or the page.
    public let reason: String

    /// A refusal with its status and reason.
    public init(_ status: Status, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    /// "<status>: <reason>".
    public var description: String { "\(status.rawValue): \(reason)" }
}
