import Diagnostics
import NumericCore

extension MLPClassifier {
    /// The classifier's tensors under `prefix`: `<prefix>standardization.mean`, `<prefix>standardization.deviation`,
    /// and `<prefix>layers.<i>.weight` / `<prefix>layers.<i>.bias` for the i-th linear layer (0-based, in order).
    /// Weights are `[out, in]` as in PyTorch, so `x @ weight.T + bias` applies a layer.
    public func namedTensors(prefix: String = "") -> [(name: String, tensor: Tensor)] {
        var result: [(name: String, tensor: Tensor)] = [
            (prefix + "standardization.mean", Tensor(shape: [standardization.mean.count], storage: standardization.mean)),
            (prefix + "standardization.deviation",
             Tensor(shape: [standardization.deviation.count], storage: standardization.deviation)),
        ]
        let parameters = self.parameters
        for layer in 0..<(parameters.count / 2) {
            result.append((prefix + "layers.\(layer).weight", parameters[2 * layer]))
            result.append((prefix + "layers.\(layer).bias", parameters[2 * layer + 1]))
        }
        return result
    }

    /// Rebuilds a classifier of `architecture` from tensors named as `namedTensors(prefix:)` writes them;
    /// throws if one is missing, misshapen or not finite. `source` names the file for messages.
    public init(architecture: ClassifierArchitecture, tensors: [String: Tensor], prefix: String = "",
                source: String) throws {
        func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
            guard let t = tensors[prefix + name] else {
                throw FileError(path: source, problem: "tensor '\(prefix + name)' is missing")
            }
            guard t.shape == shape else {
                throw FileError(path: source,
                                problem: "tensor '\(prefix + name)' has shape \(t.shape), expected \(shape)")
            }
            guard t.isFinite else {
                throw FileError(path: source, problem: "tensor '\(prefix + name)' holds NaN or infinite values")
            }
            return t
        }
        let d = architecture.inputDimension
        let deviation = try tensor("standardization.deviation", [d]).storage
        guard deviation.allSatisfy({ $0 > 0 }) else {
            throw FileError(path: source, problem: "tensor '\(prefix)standardization.deviation' has a non-positive entry")
        }
        let standardization = InputStandardization(mean: try tensor("standardization.mean", [d]).storage,
                                                   deviation: deviation)
        var layers = [any Layer]()
        var width = d
        for (index, outputs) in architecture.layerWidths.enumerated() {
            let layer = Linear(weight: try tensor("layers.\(index).weight", [outputs, width]),
                               bias: try tensor("layers.\(index).bias", [outputs]))
            // The standardisation is folded into the first layer when it runs: a deviation so small, or a mean so
            // far out, that the folded layer overflows (or saturates every output) is refused here.
            let farOut = zip(standardization.mean, standardization.deviation).contains { abs($0) > maximumStandardizedMean * $1 }
            if index == 0, farOut || !standardization.folded(into: layer).parameters.allSatisfy(\.isFinite) {
                throw FileError(path: source, problem: "tensors '\(prefix)standardization.mean' and '.deviation' overflow the first layer (a deviation too small or a mean more than \(Int(maximumStandardizedMean)) deviations from 0)")
            }
            layers.append(layer)
            if index < architecture.hidden.count { layers.append(LeakyReLU(slope: architecture.leakySlope)) }
            width = outputs
        }
        self.init(architecture: architecture, standardization: standardization, network: Sequential(layers))
    }
}

/// How many of its deviations a standardisation's mean may lie from 0: latents of any generator sit far closer.
let maximumStandardizedMean: Float = 1e9
