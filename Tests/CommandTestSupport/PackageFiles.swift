// The package's own files: its root folder and the reference fixtures.
import Foundation

/// The package root, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A reference fixture, e.g. `dcgan-digiface-64/z.npy`: from the shared folder beside the package
/// (`../shared/fixtures`) when it is there, else from the copies in `Tests/Fixtures`.
public func fixturePath(_ relative: String) -> String {
    let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/\(relative)").path
    if FileManager.default.fileExists(atPath: shared) { return shared }
    return packageRoot.appendingPathComponent("Tests/Fixtures/\(relative)").path
}
