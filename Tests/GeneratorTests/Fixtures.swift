import Foundation

/// The shared reference fixtures, beside the package: `<package>/../shared/fixtures`.
func fixturePath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures").appendingPathComponent(relative).path
}
