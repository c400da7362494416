import NumericCore

/// Per-channel standardisation x = (z - mean) / deviation applied before the classifier's first layer and
/// stored with it, so a classifier trained on latents of any scale (StyleGAN W codes, say) sees unit-scale
/// inputs; gradients with respect to z include the division.
public struct InputStandardization: Codable, Sendable, Equatable {
    /// Per-channel mean subtracted from z.
    public var mean: [Float]
    /// Per-channel deviation z is divided by (never zero).
    public var deviation: [Float]

    /// The identity transform in `dimension` dimensions.
    public static func identity(_ dimension: Int) -> InputStandardization {
        InputStandardization(mean: [Float](repeating: 0, count: dimension),
                             deviation: [Float](repeating: 1, count: dimension))
    }

    /// A transform with the given mean and deviation.
    public init(mean: [Float], deviation: [Float]) {
        precondition(mean.count == deviation.count && deviation.allSatisfy { $0 > 0 }, "invalid standardisation")
        self.mean = mean
        self.deviation = deviation
    }

    /// The mean and deviation of each channel of `latents` `[N, D]` (a deviation below 1e-6 becomes 1).
    public init(fittedTo latents: Tensor) {
        let (mean, deviation) = latents.columnMeanAndDeviation()
        self.init(mean: mean, deviation: deviation.map { $0 < 1e-6 ? 1 : $0 })
    }

    /// (z - mean) / deviation for every row of `latents`.
    public func apply(_ latents: Tensor) -> Tensor {
        let d = mean.count
        var out = latents.storage
        for i in out.indices { out[i] = (out[i] - mean[i % d]) / deviation[i % d] }
        return Tensor(shape: latents.shape, storage: out)
    }

    /// The linear layer equal to this standardisation followed by `layer`: weight columns divided by the
    /// deviation, bias less the divided weight times the mean.
    public func folded(into layer: Linear) -> Linear {
        let (outputs, d) = (layer.outputs, layer.inputs)
        precondition(d == mean.count, "folded(into:): layer takes \(d) inputs, standardisation has \(mean.count)")
        var weight = layer.parameters[0].storage
        var bias = layer.parameters[1].storage
        for row in 0..<outputs {
            var shift: Float = 0
            for j in 0..<d {
                weight[row * d + j] /= deviation[j]
                shift += weight[row * d + j] * mean[j]
            }
            bias[row] -= shift
        }
        return Linear(weight: Tensor(shape: [outputs, d], storage: weight), bias: Tensor(shape: [outputs], storage: bias))
    }
}
