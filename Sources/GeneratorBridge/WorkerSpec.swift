import Diagnostics
import FileStorage
import Foundation
import TensorFormats

/// How to start a generator worker, read from the JSON spec file the user names on the command line:
/// `{"command": ["python3", "tools/workers/numpy_dcgan.py"], "timeout_seconds": 300}`.
public struct WorkerSpec: Sendable, Equatable {
    /// The spec file's path, for messages.
    public let path: String
    /// The program and its arguments; the program is looked up on PATH, relative paths are from the
    /// current folder.
    public let command: [String]
    /// The longest a request (the first one includes loading the model) may take before the worker counts
    /// as hung.
    public let timeoutSeconds: Double
    /// The latent space the workbench works in: `z` (the prior's), or `w` (a style-based worker's mapping of z,
    /// where GradCtrl edits StyleGAN2).
    public let space: LatentSpace

    /// Where latents live.
    public enum LatentSpace: String, Sendable, Equatable {
        case z, w
    }

    /// The default per-request timeout.
    public static let defaultTimeoutSeconds = 300.0
    /// The largest spec file read.
    static let maximumFileBytes = 64 * 1024

    /// A spec from its parts.
    public init(path: String, command: [String], timeoutSeconds: Double = WorkerSpec.defaultTimeoutSeconds,
                space: LatentSpace = .z) {
        self.path = path
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.space = space
    }

    /// Reads and checks the spec file at `path`.
    public init(file path: String) throws {
        let data = try readWholeFile(path)
        guard data.count <= Self.maximumFileBytes else {
            throw FileError(path: path, problem: "a generator spec of \(data.count) bytes is larger than \(Self.maximumFileBytes)")
        }
        try requireStrictJSON(data, source: path, what: "generator spec")
        struct Body: Decodable {
            let command: [String]
            let timeout_seconds: Double?
            let space: String?
        }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch {
            throw FileError(path: path, problem: "a generator spec is a JSON object with \"command\": [program, arguments…] and optionally \"timeout_seconds\": a number and \"space\": \"z\" or \"w\"")
        }
        guard let program = body.command.first, !program.isEmpty else {
            throw FileError(path: path, problem: "\"command\" must name a program")
        }
        guard body.command.allSatisfy({ !$0.contains("\0") }) else {
            throw FileError(path: path, problem: "\"command\" holds a NUL character")
        }
        let timeout = body.timeout_seconds ?? Self.defaultTimeoutSeconds
        guard timeout.isFinite, timeout >= 1, timeout <= 86_400 else {
            throw FileError(path: path, problem: "\"timeout_seconds\" must be between 1 and 86400, is \(timeout)")
        }
        guard let space = LatentSpace(rawValue: body.space ?? "z") else {
            throw FileError(path: path, problem: "\"space\" must be \"z\" or \"w\", is \"\(body.space ?? "")\"")
        }
        self.init(path: path, command: body.command, timeoutSeconds: timeout, space: space)
    }
}
