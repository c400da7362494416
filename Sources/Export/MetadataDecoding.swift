import Files
import Foundation

/// Decodes `T` from the bundle's metadata JSON, turning Foundation's decoding errors into a one-line
/// `FileError` about `path` that names the field.
func decodeMetadata<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
        let problem: String
        switch error {
        case .keyNotFound(let key, let context):
            problem = "metadata lacks the field '\(fieldPath(context.codingPath + [key]))'"
        case .typeMismatch(let expected, let context):
            problem = "metadata field '\(fieldPath(context.codingPath))' is not of type \(expected)"
        case .valueNotFound(let expected, let context):
            problem = "metadata field '\(fieldPath(context.codingPath))' is null, expected \(expected)"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            problem = "metadata '\(EditBundle.metadataKey)' is not valid JSON"
        case .dataCorrupted(let context):
            problem = "metadata field '\(fieldPath(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            problem = "metadata cannot be read: \(error.localizedDescription)"
        }
        throw FileError(path: path, problem: problem)
    }
}

/// "a.b[2].c" for a coding path.
private func fieldPath(_ path: [any CodingKey]) -> String {
    path.reduce("") { text, key in
        if let index = key.intValue { return text + "[\(index)]" }
        return text.isEmpty ? key.stringValue : text + "." + key.stringValue
    }
}
