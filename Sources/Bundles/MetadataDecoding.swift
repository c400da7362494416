import Diagnostics
import Foundation

/// Decodes `T` from the bundle's metadata JSON, turning Foundation's decoding errors into a one-line
/// `FileError` about `path` that names the field.
func decodeMetadata<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
    do {
        return try JSONDecoder().decode(type, from: data)
    } catch let error as DecodingError {
        throw FileError(path: path, problem: "metadata '\(EditBundle.metadataKey)': \(decodingProblem(error))")
    }
}
