import Diagnostics
import FileStorage
import Foundation
import NumericCore
import TensorFormats

extension DCGANGenerator {
    /// The provenance name of the embedded generator.
    /// √100, the typical norm of the embedded generator's latents: the standard edit steps, manifold shifts and
    /// evaluation lengths were set for it, and are scaled by a worker's mean latent norm over it.
    public static let typicalLatentNorm: Double = 10
    public static let embeddedIdentifier = "dcgan-digiface-64"

    /// The checkpoint's path relative to the package root.
    public static let embeddedCheckpointPath = "checkpoints/dcgan-digiface-64.safetensors"

    /// The environment variable that overrides where the embedded checkpoint is found.
    public static let checkpointEnvironmentVariable = "GRADCTRL_GENERATOR_CHECKPOINT"

    /// Loads a DCGAN generator from a safetensors file of PyTorch-named tensors; its identifier is
    /// `identifier` and its digest the file's SHA-256.
    public static func load(path: String, identifier: String = embeddedIdentifier) throws -> DCGANGenerator {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, problem: "cannot read the generator checkpoint")
        }
        let file = try decodeSafeTensors(bytes, name: path)
        var tensors = [String: Tensor]()
        for (name, stored) in file.tensors {
            guard let tensor = stored.array.floatTensor else { continue }
            tensors[name] = tensor
        }
        return try DCGANGenerator(tensors: tensors, identifier: identifier, checkpointSHA256: sha256Hex(bytes),
                                  source: path)
    }

    /// The embedded generator (DCGAN, 64×64 faces, 100-d z), from `checkpoints/dcgan-digiface-64.safetensors`.
    public static func embedded() throws -> DCGANGenerator {
        guard let path = locateEmbeddedCheckpoint() else {
            throw FileError(
                path: embeddedCheckpointPath,
                problem: "not found from the current directory or the executable's; run from the package, or set \(checkpointEnvironmentVariable)")
        }
        return try load(path: path)
    }

    /// Where the embedded checkpoint is: `$GRADCTRL_GENERATOR_CHECKPOINT`, else the first
    /// `checkpoints/dcgan-digiface-64.safetensors` found walking up from the current directory, then from
    /// the running executable (a build product inside the package's `.build`).
    public static func locateEmbeddedCheckpoint() -> String? {
        if let path = ProcessInfo.processInfo.environment[checkpointEnvironmentVariable], !path.isEmpty {
            return path
        }
        let starts = [FileManager.default.currentDirectoryPath,
                      Bundle.main.executableURL?.deletingLastPathComponent().path ?? ""]
        for start in starts where !start.isEmpty {
            var directory = URL(fileURLWithPath: start).standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent(embeddedCheckpointPath).path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }
}
