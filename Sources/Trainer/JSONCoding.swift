import Foundation

/// A JSON encoder with sorted keys (pretty-printed when `pretty`) that writes NaN and infinities as the
/// strings "nan", "inf", "-inf", so that diverged figures still serialise.
func trainerJSONEncoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                  nan: "nan")
    return encoder
}

/// The decoder matching `trainerJSONEncoder`.
func trainerJSONDecoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                    nan: "nan")
    return decoder
}

/// A one-line account of why JSON did not decode: the malformed text, or the missing or mistyped field
/// with its path.
func describeDecodingFailure(_ error: Error) -> String {
    func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top level" : "'" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }
            .joined(separator: ".") + "'"
    }
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .dataCorrupted(let context):
        if let underlying = context.underlyingError as NSError?,
           let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
            return "malformed JSON (\(detail))"
        }
        return context.codingPath.isEmpty ? "malformed JSON" : "invalid value at \(path(context.codingPath))"
    case .keyNotFound(let key, let context):
        return "missing field \(path(context.codingPath + [key]))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "wrong type at \(path(context.codingPath))"
    @unknown default:
        return "\(error)"
    }
}
