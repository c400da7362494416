import Foundation

/// A one-line account of why JSON did not decode: the malformed text, or the missing, mistyped or invalid field
/// with its path ("a.b[2].c"). The one converter from `DecodingError` to a message that every JSON reader uses;
/// other errors are described as they describe themselves.
public func decodingProblem(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context) where context.codingPath.isEmpty:
        if let underlying = context.underlyingError as NSError?,
           let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
            return "malformed JSON (\(detail))"
        }
        return "malformed JSON"
    case .dataCorrupted(let context):
        return "invalid value at \(location(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
        return "missing field \(location(context.codingPath + [key]))"
    case .typeMismatch(_, let context):
        return "wrong type at \(location(context.codingPath))"
    case .valueNotFound(_, let context):
        return "missing value at \(location(context.codingPath))"
    @unknown default:
        return "\(error)"
    }
}

/// "'a.b[2].c'" for a coding path, or "the top level".
private func location(_ path: [any CodingKey]) -> String {
    guard !path.isEmpty else { return "the top level" }
    let text = path.reduce("") { text, key in
        if let index = key.intValue { return text + "[\(index)]" }
        return text.isEmpty ? key.stringValue : text + "." + key.stringValue
    }
    return "'\(text)'"
}
