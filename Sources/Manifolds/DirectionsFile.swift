import FileErrors
import Foundation
import Generator
import NumericCore
import TensorFormats

/// Writes discovered directions as one safetensors file a numpy user can read.
///
/// Provisional: the workbench's shared directions format (docs/directions-format.md) is being defined with the
/// TCA discovery; this writer is the one place to switch to it. Tensors: `directions` `[K, D]`, unit rows (for a
/// linear T its directions; for an MLP T the unit tangent of each path at z, ε = 0); for an MLP T also
/// `mlp.w1` `[H, K]`, `mlp.b1` `[H]`, `mlp.w2` `[D, H]`, with which a point of path k at magnitude ε is
/// z + |ε|·u/‖u‖, u = w2·(tanh(ε·w1[:, k] + b1) - tanh(b1)). Metadata: `format`, `method`, `transform`,
/// `generator`, `generator_sha256`, `latent_dimension`, `names` (JSON list), `epsilon_max`, `configuration`
/// (JSON) and `metrics` (JSON).
public enum ManifoldDirectionsFile {
    /// The `format` entry of the metadata.
    public static let format = "gradctrl-manifold-directions-1"

    /// The tensors and metadata for `transform`'s directions.
    public static func contents(transform: any LatentTransform, configuration: ManifoldConfiguration,
                                generator: any LatentGenerator, names: [String],
                                metricsJSON: String) throws -> (tensors: [(String, Tensor)], metadata: [String: String]) {
        var tensors: [(String, Tensor)] = [("directions", unitDirections(transform))]
        if let mlp = transform as? MLPTransform {
            tensors += [("mlp.w1", mlp.parameters[0]), ("mlp.b1", mlp.parameters[1]), ("mlp.w2", mlp.parameters[2])]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let metadata = [
            "format": format,
            "method": configuration.centroidLoss == .none ? "voynov-babenko" : "manifolds-\(configuration.centroidLoss.rawValue)",
            "transform": configuration.transform.rawValue,
            "generator": generator.identifier,
            "generator_sha256": generator.checkpointSHA256 ?? "",
            "latent_dimension": String(generator.latentDimension),
            "names": String(decoding: try encoder.encode(names), as: UTF8.self),
            "epsilon_max": String(configuration.shiftScale),
            "configuration": try configurationJSON(configuration),
            "metrics": metricsJSON,
        ]
        return (tensors, metadata)
    }

    /// Writes the file atomically.
    public static func write(transform: any LatentTransform, configuration: ManifoldConfiguration,
                             generator: any LatentGenerator, names: [String], metricsJSON: String, to path: String) throws {
        let (tensors, metadata) = try contents(transform: transform, configuration: configuration, generator: generator,
                                               names: names, metricsJSON: metricsJSON)
        try writeSafeTensors(tensors, metadata: metadata, to: path)
    }
}

/// The unit direction of each path at ε = 0, `[K, D]`: a linear T's normalised rows, an MLP T's tangent
/// W₂·diag(1 - tanh²(b₁))·W₁[:, k], normalised.
public func unitDirections(_ transform: any LatentTransform) -> Tensor {
    if let linear = transform as? LinearTransform { return linear.unitDirections }
    let small: Float = 1e-3
    let (k, d) = (transform.directionCount, transform.latentDimension)
    // The shift at a tiny ε has the tangent's direction (to first order) and length ε.
    let s = transform.shifts(directions: Array(0..<k), magnitudes: [Float](repeating: small, count: k))
    return Tensor(shape: [k, d], storage: s.storage.map { $0 / small })
}

extension ManifoldDirectionsFile {
    /// The unit directions `[K, D]` of the file at `path` with the names its run gave them, for a generator with
    /// latent dimension `latentDimension`; throws naming the file if it is not such a file or does not fit.
    public static func readUnitDirections(_ path: String, latentDimension: Int) throws -> [(name: String, vector: [Float])] {
        let file = try readSafeTensors(path)
        func fail(_ problem: String) -> FileError { FileError(path: path, problem: problem) }
        guard file.metadata["format"] == format else {
            throw fail("not a manifolds directions file (format \(file.metadata["format"] ?? "missing"))")
        }
        let directions = try file.tensor("directions")
        guard directions.rank == 2, directions.shape[1] == latentDimension, directions.shape[0] >= 1 else {
            throw fail("tensor 'directions' has shape \(directions.shape), expected [K, \(latentDimension)]")
        }
        guard directions.isFinite else { throw fail("tensor 'directions' holds NaN or infinite values") }
        let k = directions.shape[0], d = latentDimension
        let names = (try? JSONDecoder().decode([String].self, from: Data((file.metadata["names"] ?? "").utf8)))
            ?? [String](repeating: "unclear", count: k)
        guard names.count == k else { throw fail("it names \(names.count) directions but holds \(k)") }
        return try (0..<k).map { row in
            let vector = Array(directions.storage[(row * d)..<((row + 1) * d)])
            let length = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard abs(length - 1) < 1e-3 else { throw fail("direction \(row) is not a unit vector (length \(length))") }
            return (names[row], vector)
        }
    }
}
