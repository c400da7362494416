import Diagnostics
import Foundation
import Generator
import NumericCore
import TensorFormats

/// The checkpoint of a run: one safetensors file with T's and R's tensors, both optimisers' moments, the
/// centres, and the configuration, step and generator in `__metadata__`. Floats are stored as F32, so a resumed
/// run continues from exactly the same numbers.
public enum TrainingCheckpoint {
    /// The `format` entry of the metadata.
    public static let format = "gradctrl-manifolds-checkpoint-1"

    /// Writes `trainer`'s state to `path`, atomically.
    public static func write(_ trainer: ManifoldTrainer, to path: String) throws {
        var tensors = [(String, Tensor)]()
        func add(_ prefix: String, _ list: [Tensor]) {
            for (i, t) in list.enumerated() { tensors.append(("\(prefix).\(i)", t)) }
        }
        add("transform", trainer.model.transform.parameters)
        add("reconstructor", trainer.model.reconstructor.parameters)
        if let centres = trainer.model.centres { tensors.append(("centres", centres)) }
        for (name, adam) in [("transform", trainer.transformOptimizer), ("reconstructor", trainer.reconstructorOptimizer)] {
            let (first, second) = adam.moments
            add("adam.\(name).first", first.map { Tensor(shape: [$0.count], storage: $0) })
            add("adam.\(name).second", second.map { Tensor(shape: [$0.count], storage: $0) })
        }
        let metadata = [
            "format": format,
            "configuration": try configurationJSON(trainer.configuration),
            "step": String(trainer.step),
            "adam_transform_step": String(trainer.transformOptimizer.step),
            "adam_reconstructor_step": String(trainer.reconstructorOptimizer.step),
            "generator": trainer.generator.identifier,
            "generator_sha256": trainer.generator.checkpointSHA256 ?? "",
        ]
        try writeSafeTensors(tensors, metadata: metadata, to: path)
    }

    /// A trainer continuing the run saved at `path`, to stop at `configuration.steps`; throws naming the file if
    /// it is not such a checkpoint, was made for another generator or another run, or has a misshapen tensor.
    public static func resume(from path: String, configuration: ManifoldConfiguration,
                              generator: any LatentGenerator) throws -> ManifoldTrainer {
        let file = try readSafeTensors(path)
        func fail(_ problem: String) -> FileError { FileError(path: path, problem: problem) }
        guard file.metadata["format"] == format else { throw fail("not a manifolds training checkpoint (format \(file.metadata["format"] ?? "missing"))") }
        guard let json = file.metadata["configuration"],
              let saved = try? JSONDecoder().decode(ManifoldConfiguration.self, from: Data(json.utf8)) else {
            throw fail("its configuration is missing or unreadable")
        }
        guard saved.sameRun(as: configuration) else {
            throw fail("it was made with another configuration (\(json)); only the number of steps may change when resuming")
        }
        guard file.metadata["generator"] == generator.identifier,
              file.metadata["generator_sha256"] == (generator.checkpointSHA256 ?? "") else {
            throw fail("it was made with another generator (\(file.metadata["generator"] ?? "?"))")
        }
        guard let step = Int(file.metadata["step"] ?? ""), step >= 0,
              let tStep = Int(file.metadata["adam_transform_step"] ?? ""), tStep >= 0,
              let rStep = Int(file.metadata["adam_reconstructor_step"] ?? ""), rStep >= 0 else {
            throw fail("its step counts are missing or invalid")
        }
        guard step <= configuration.steps else {
            throw fail("it is at step \(step), beyond the \(configuration.steps) steps asked for")
        }
        var trainer = try ManifoldTrainer(configuration: configuration, generator: generator)
        func load(_ prefix: String, like reference: [Tensor]) throws -> [Tensor] {
            try reference.enumerated().map { i, r in
                let t = try file.tensor("\(prefix).\(i)")
                guard t.shape == r.shape else { throw fail("tensor '\(prefix).\(i)' has shape \(t.shape), expected \(r.shape)") }
                guard t.isFinite else { throw fail("tensor '\(prefix).\(i)' holds NaN or infinite values") }
                return t
            }
        }
        trainer.model.transform.parameters = try load("transform", like: trainer.model.transform.parameters)
        trainer.model.reconstructor.parameters = try load("reconstructor", like: trainer.model.reconstructor.parameters)
        if let centres = trainer.model.centres {
            let saved = try file.tensor("centres")
            guard saved.shape == centres.shape, saved.isFinite else {
                throw fail("tensor 'centres' has shape \(saved.shape) or non-finite values, expected finite \(centres.shape)")
            }
            trainer.model.centres = saved
        }
        func moments(_ name: String, _ parameters: [Tensor], _ adamStep: Int) throws -> ([[Float]], [[Float]]) {
            guard adamStep > 0 else { return ([], []) }
            let flat = parameters.map { Tensor(shape: [$0.count]) }
            return (try load("adam.\(name).first", like: flat).map(\.storage),
                    try load("adam.\(name).second", like: flat).map(\.storage))
        }
        let (tf, ts) = try moments("transform", trainer.model.transform.parameters, tStep)
        trainer.transformOptimizer.restore(step: tStep, firstMoments: tf, secondMoments: ts)
        let (rf, rs) = try moments("reconstructor", trainer.model.reconstructor.parameters, rStep)
        trainer.reconstructorOptimizer.restore(step: rStep, firstMoments: rf, secondMoments: rs)
        trainer.step = step
        return trainer
    }
}

/// The configuration as compact JSON with sorted keys (the same bytes for the same configuration).
public func configurationJSON(_ configuration: ManifoldConfiguration) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(configuration), as: UTF8.self)
}
