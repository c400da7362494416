// Temporary folders for tests: one fresh folder per test, removed at the end.
import Foundation

/// A fresh directory under the system temporary directory; removed by `cleanUp`.
public struct TemporaryDirectory {
    /// Its location.
    public let url: URL

    /// Creates the directory.
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gradctrl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` inside the directory and returns its path.
    public func write(_ text: String, to name: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Removes the directory and everything in it.
    public func cleanUp() { try? FileManager.default.removeItem(at: url) }
}
