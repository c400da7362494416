// Running programs from tests: the package's built products, other programs (python3), and the same as a user
// without root's right to write anywhere.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

/// The environment variable that names the embedded generator's checkpoint (`Generator`'s
/// `DCGANGenerator.checkpointEnvironmentVariable`), and where the checkpoint is in this package.
private let checkpointVariable = "GRADCTRL_GENERATOR_CHECKPOINT"
private let embeddedCheckpoint = packageRoot.appendingPathComponent("checkpoints/dcgan-digiface-64.safetensors").path

/// Runs the product `name` with `arguments` from `directory` (default: the package root) and waits for it.
/// The embedded generator's checkpoint is named in the environment (unless it already is), so that a product
/// built outside the package (`--scratch-path`) and run from a temporary folder finds it as one built in
/// `.build` does; `environment` is added on top.
public func runProduct(_ name: String, _ arguments: [String], in directory: URL = packageRoot,
                       environment: [String: String] = [:]) throws -> CommandResult {
    try runProcess(try productExecutable(name).path, arguments, in: directory,
                   environment: productEnvironment.merging(environment) { $1 })
}

/// Starts the product `name` with `arguments` from `directory`, in the environment `runProduct` gives it plus
/// `environment`, and returns it running: for a test that talks to it, kills it or waits for it itself.
/// `output` and `error` take its streams (a `Pipe` or a `FileHandle`); by default they are discarded.
public func startProduct(_ name: String, _ arguments: [String], in directory: URL = packageRoot,
                         environment: [String: String] = [:], output: Any = FileHandle.nullDevice,
                         error: Any = FileHandle.nullDevice) throws -> Process {
    let process = Process()
    process.executableURL = try productExecutable(name)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(productEnvironment.merging(environment) { $1 }) { $1 }
    process.standardOutput = output
    process.standardError = error
    try process.run()
    return process
}

/// The variables `runProduct` adds to this process's environment.
private var productEnvironment: [String: String] {
    ProcessInfo.processInfo.environment[checkpointVariable] == nil ? [checkpointVariable: embeddedCheckpoint] : [:]
}

/// Runs the program at `executable` with `arguments` from `directory`, with `environment` added to this
/// process's, and waits for it; both output streams are read to the end as the program writes them.
public func runProcess(_ executable: String, _ arguments: [String], in directory: URL = packageRoot,
                       environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
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

/// Whether python3 can import `module` (torch for the PyTorch workers and the Python package: `pip install
/// torch==2.13.0`); the tests that need it are skipped with that reason when it cannot.
public func pythonCanImport(_ module: String) -> Bool {
    (try? runProcess("/usr/bin/env", ["python3", "-c", "import \(module)"]))?.status == 0
}

/// What runs a program as a user who cannot write into another user's read-only folder: nothing when this
/// process is not root; for root, `setpriv` with the ids of the user `nobody`; nil when root has neither.
public let unprivilegedPrefix: [String]? = {
    if getuid() != 0 { return [] }
    let setpriv = "/usr/bin/setpriv"
    guard let user = getpwnam("nobody"), FileManager.default.isExecutableFile(atPath: setpriv) else { return nil }
    return [setpriv, "--reuid=\(user.pointee.pw_uid)", "--regid=\(user.pointee.pw_gid)", "--clear-groups"]
}()

/// `runProduct` as a user without root's rights (`unprivilegedPrefix`); the product, the package and `directory`
/// must be readable by everyone.
public func runProductUnprivileged(_ name: String, _ arguments: [String], in directory: URL = packageRoot) throws -> CommandResult {
    guard let prefix = unprivilegedPrefix else {
        throw CocoaError(.featureUnsupported, userInfo: [NSLocalizedDescriptionKey: "running as root, with no user 'nobody' or no setpriv"])
    }
    let executable = try productExecutable(name).path
    guard let program = prefix.first else { return try runProduct(name, arguments, in: directory) }
    return try runProcess(program, Array(prefix.dropFirst()) + [executable] + arguments, in: directory,
                          environment: productEnvironment)
}
