// The one test-support library the test targets share: temporary directories, thrown errors as text, the
// package's products and fixtures.
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

/// The error thrown by `body`, as its description; nil if nothing was thrown.
public func thrownDescription(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return "\(error)"
    }
}

/// The package root, found from this file's path.
public let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The exit status and the two output streams of a finished command.
public struct CommandResult: Sendable {
    /// The exit status.
    public let status: Int32
    /// Standard output.
    public let output: String
    /// Standard error.
    public let error: String
}

/// An executable product built beside the test bundle (`swift test` builds every product), found from the
/// running test binary's folder, else the package's `.build/debug`.
public func productExecutable(_ name: String) throws -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.bundleURL,
        packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent(name) }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name,
                                                     NSLocalizedDescriptionKey: "\(name) not found in \(candidates.map(\.path)); run swift build first"])
    }
    return found
}

/// Runs the product `name` with `arguments` from `directory` (default: the package root) and waits for it.
public func runProduct(_ name: String, _ arguments: [String], in directory: URL = packageRoot) throws -> CommandResult {
    try runProcess(try productExecutable(name).path, arguments, in: directory)
}

/// Runs the program at `executable` with `arguments` from `directory` and waits for it.
public func runProcess(_ executable: String, _ arguments: [String], in directory: URL = packageRoot) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let output = Pipe(), error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read standard error on a queue of its own so that neither pipe fills up and blocks the child
    // (a Dispatch queue, not a Swift task: the tests' cooperative threads may all be busy waiting).
    let errorData = ResultBox<Data>()
    let reader = DispatchGroup()
    DispatchQueue.global().async(group: reader) { errorData.value = error.fileHandleForReading.readDataToEndOfFile() }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    reader.wait()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                         error: String(decoding: errorData.value ?? Data(), as: UTF8.self))
}

/// A value written by one thread and read by another after it has finished.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// A reference fixture, e.g. `dcgan-digiface-64/z.npy`: from the shared folder beside the package
/// (`../shared/fixtures`) when it is there, else from the copies in `Tests/Fixtures`.
public func fixturePath(_ relative: String) -> String {
    let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/\(relative)").path
    if FileManager.default.fileExists(atPath: shared) { return shared }
    return packageRoot.appendingPathComponent("Tests/Fixtures/\(relative)").path
}

/// Whether python3 can import `module` (torch for the PyTorch workers and the Python package: `pip install
/// torch==2.13.0`); the tests that need it are skipped with that reason when it cannot.
public func pythonCanImport(_ module: String) -> Bool {
    (try? runProcess("/usr/bin/env", ["python3", "-c", "import \(module)"]))?.status == 0
}
