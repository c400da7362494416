import Foundation
import NumericCore

/// One discovered direction: how a latent moves along it, and what is known about it.
public struct DiscoveredDirection: Sendable, Equatable {
    /// A short identifier, unique in its file, usable in file names: letters, digits, `_`, `-`, `.`, `+`
    /// (e.g. "C3", "H1", "C1.H2.W1", "PC4", "EV2", "M0").
    public let id: String
    /// What the direction moves, when naming found it clear (e.g. "lightness+"); nil otherwise.
    public var label: String?
    /// The latent length (linear) or path parameter (MLP path) of one standard deviation of the edit.
    public let sigma: Double
    /// How a latent moves.
    public let path: DirectionPath
    /// One line for a person, e.g. "channel component 3 (eigenvalue 12.1), reachable share 0.41".
    public var summary: String
    /// Method-specific numbers (mode, component indices, eigenvalues, naming effects…), by name.
    public var details: [String: Double]

    /// A direction from its parts.
    public init(id: String, label: String? = nil, sigma: Double, path: DirectionPath, summary: String,
                details: [String: Double] = [:]) {
        self.id = id
        self.label = label
        self.sigma = sigma
        self.path = path
        self.summary = summary
        self.details = details
    }

    /// The latents `[N, D]` moved by `strength` standard deviations (negative: the other way).
    public func moved(_ latents: Tensor, strength: Double) -> Tensor {
        var out = latents
        let t = strength * sigma
        switch path {
        case .linear(let vector):
            let d = vector.count
            for row in 0..<latents.shape[0] {
                for j in 0..<d { out.storage[row * d + j] += Float(t) * vector[j] }
            }
        case .mlp(let mlp):
            let shift = mlp.displacement(latents, parameter: t)
            for i in out.storage.indices { out.storage[i] += shift.storage[i] }
        }
        return out
    }

    /// The paths `[N, steps + 1, D]` from `latents` to `strength` standard deviations in equal parameter steps.
    public func path(from latents: Tensor, strength: Double, steps: Int) -> Tensor {
        let (n, d) = (latents.shape[0], latents.shape[1])
        var storage = [Float](repeating: 0, count: n * (steps + 1) * d)
        for k in 0...steps {
            let point = moved(latents, strength: strength * Double(k) / Double(steps))
            for row in 0..<n {
                for j in 0..<d { storage[(row * (steps + 1) + k) * d + j] = point.storage[row * d + j] }
            }
        }
        return Tensor(shape: [n, steps + 1, d], storage: storage)
    }
}

/// How a latent moves along a direction.
public enum DirectionPath: Sendable, Equatable {
    /// z + t · v for a unit vector v `[D]` (GANSpace, SeFa, TCA).
    case linear([Float])
    /// z + g(t) − g(0) for a small multilayer perceptron g (learned manifolds).
    case mlp(MLPPath)

    /// The latent dimension D the path moves in.
    public var latentDimension: Int {
        switch self {
        case .linear(let vector): vector.count
        case .mlp(let mlp): mlp.latentDimension
        }
    }
}

/// A curved path as a multilayer perceptron g: its input is the path parameter t alone, or the latent z
/// followed by t; its output is a point in latent space. The displacement at t is g(·, t) − g(·, 0).
public struct MLPPath: Sendable, Equatable {
    /// One layer: y = activation(W x + b) with W `[out, in]`.
    public struct Layer: Sendable, Equatable {
        /// `[out, in]`.
        public let weight: Tensor
        /// `[out]`.
        public let bias: Tensor
        /// The activation after the affine map.
        public let activation: Activation

        /// A layer from its parts.
        public init(weight: Tensor, bias: Tensor, activation: Activation) {
            self.weight = weight
            self.bias = bias
            self.activation = activation
        }
    }

    /// The activations a path layer may use, named as in the file.
    public enum Activation: String, Sendable, CaseIterable, Codable {
        case identity, relu, tanh
        case leakyRelu = "leaky_relu_0.2"
    }

    /// The layers, input first.
    public let layers: [Layer]
    /// Whether g also reads the latent (input [z, t]) or only t (input [t]).
    public let conditionedOnLatent: Bool

    /// A path from its layers.
    public init(layers: [Layer], conditionedOnLatent: Bool) {
        self.layers = layers
        self.conditionedOnLatent = conditionedOnLatent
    }

    /// The output size of the last layer.
    public var latentDimension: Int { layers.last?.weight.shape[0] ?? 0 }

    /// g(z, t) − g(z, 0) for each latent row `[N, D]`.
    public func displacement(_ latents: Tensor, parameter t: Double) -> Tensor {
        let n = latents.shape[0], d = latents.shape[1]
        func inputs(_ t: Double) -> Tensor {
            guard conditionedOnLatent else { return Tensor(shape: [n, 1], repeating: Float(t)) }
            var x = [Float](repeating: Float(t), count: n * (d + 1))
            for row in 0..<n { for j in 0..<d { x[row * (d + 1) + j] = latents.storage[row * d + j] } }
            return Tensor(shape: [n, d + 1], storage: x)
        }
        let (end, start) = (evaluate(inputs(t)), evaluate(inputs(0)))
        return Tensor(shape: [n, d], storage: zip(end.storage, start.storage).map { $0 - $1 })
    }

    /// g of the rows of `input`.
    func evaluate(_ input: Tensor) -> Tensor {
        var x = input
        for layer in layers {
            let (outputs, inputs) = (layer.weight.shape[0], layer.weight.shape[1])
            var y = [Float](repeating: 0, count: x.shape[0] * outputs)
            for row in 0..<x.shape[0] {
                for o in 0..<outputs {
                    var sum = layer.bias.storage[o]
                    for i in 0..<inputs { sum += layer.weight.storage[o * inputs + i] * x.storage[row * inputs + i] }
                    switch layer.activation {
                    case .identity: break
                    case .relu: sum = max(sum, 0)
                    case .tanh: sum = Float(Foundation.tanh(Double(sum)))
                    case .leakyRelu: sum = sum > 0 ? sum : 0.2 * sum
                    }
                    y[row * outputs + o] = sum
                }
            }
            x = Tensor(shape: [x.shape[0], outputs], storage: y)
        }
        return x
    }
}
