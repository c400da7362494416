import Discovery
import Diagnostics
import Foundation
import Generator
import NumericCore
import TensorFormats

/// The discovered directions of a run in the workbench's directions file (`docs/directions-format.md`, method
/// "manifolds"), which the Editor applies and numpy reads.
///
/// Each direction k is id `M<k>`, labelled with its name when the naming found it clear; its path is the unit
/// direction at z (a linear T's normalised column; for an MLP T the tangent of the curve at ε = 0), and σ is
/// the standard deviation of the training magnitudes, ε_max/√3. An MLP T's whole curve, z + |ε|·u/‖u‖ with
/// u = W₂·(tanh(ε·W₁[:, k] + b₁) − tanh(b₁)), rescales its output to length |ε|, which the format's `mlp_path`
/// cannot express; its layers are stored as the method tensors `manifolds.w1`, `manifolds.b1`, `manifolds.w2`.
/// The settings hold the configuration and the run's figures.
public enum ManifoldDirectionsFile {
    /// The id of direction `k` (0-based) in the directions file, in the grids and tables, and for the Editor:
    /// "M<k>".
    public static func id(_ k: Int) -> String { "M\(k)" }

    /// The directions file of `transform`, with `names` and figures per direction.
    public static func contents(transform: any LatentTransform, configuration c: ManifoldConfiguration,
                                generator: any LatentGenerator, names: [String], quality: DirectionQuality?,
                                figures: [String: String]) throws -> DirectionsFile {
        let unit = Manifolds.unitDirections(transform)
        let d = transform.latentDimension
        let sigma = Double(c.shiftScale) / 3.0.squareRoot()
        let directions = (0..<transform.directionCount).map { k -> DiscoveredDirection in
            var details = [String: Double]()
            if let quality {
                details = ["consistency": quality.consistency[k], "roughness": quality.roughness[k],
                           "rms_change_at_epsilon_max": quality.changeSize[k]]
            }
            let name = names[k]
            return DiscoveredDirection(
                id: id(k), label: name == DirectionName.unclear ? nil : name, sigma: sigma,
                path: .linear(Array(unit.storage[(k * d)..<((k + 1) * d)])),
                summary: "learned direction \(k) (\(c.transform == .linear ? "straight" : "tangent of a curved path at z")), named \(name)",
                details: details)
        }
        var settings = figures
        settings["configuration"] = try configurationJSON(c)
        settings["transform"] = c.transform.rawValue
        settings["centroid_loss"] = c.centroidLoss.rawValue
        settings["epsilon_max"] = String(c.shiftScale)
        var methodTensors = [String: (array: NumericArray, description: String)]()
        if let mlp = transform as? MLPTransform {
            let path = "path k at magnitude ε: z + |ε|·u/‖u‖, u = w2·(tanh(ε·w1[:, k] + b1) − tanh(b1))"
            methodTensors = [
                "manifolds.w1": (NumericArray(mlp.parameters[0]), "W1 [H, K] of the MLP transform; \(path)"),
                "manifolds.b1": (NumericArray(mlp.parameters[1]), "b1 [H] of the MLP transform; \(path)"),
                "manifolds.w2": (NumericArray(mlp.parameters[2]), "W2 [D, H] of the MLP transform; \(path)"),
            ]
        }
        return DirectionsFile(generator: GeneratorIdentity(generator), method: "manifolds", settings: settings,
                              directions: directions, methodTensors: methodTensors)
    }

    /// The unit directions of a directions file at `path` made for `generator`, each with its label in the current
    /// scheme (`currentDirectionLabel`; its id where it has none), for methods that compare straight directions.
    public static func unitDirections(_ path: String, generator: any LatentGenerator) throws -> [(name: String, vector: [Float])] {
        let file = try DirectionsFile.read(from: path, expecting: GeneratorIdentity(generator))
        return try file.directions.map { direction in
            guard case .linear(let vector) = direction.path else {
                throw FileError(path: path, problem: "direction \(direction.id) is a curved path; only straight directions are compared")
            }
            return (direction.label.map { currentDirectionLabel($0) } ?? direction.id, vector)
        }
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
