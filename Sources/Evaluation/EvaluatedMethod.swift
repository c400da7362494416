import Editing

/// How a compared method walks: through `editLatents` (every method a user can run), or one of the two
/// references that frame the table.
public enum MethodWalk: Sendable {
    /// `editLatents` with the method's target, protected classifiers and edit method.
    case edit
    /// Random unit steps (`randomWalk`), one direction per latent drawn from the stream with this seed:
    /// what is kept by chance.
    case random(seed: UInt64)
    /// The image-space oracle (`imageOracleWalk`): the labellers' exact statistics protected.
    case imageOracle
}

/// One editing method as the benchmark runs it: what the editor ascends, what it protects and how, and
/// whether each step keeps the latent's starting norm. Every method a user can run goes through
/// `editLatents`; a linear one has a target whose gradient is constant, so its path is straight.
public struct EvaluatedMethod: Sendable {
    /// The name in tables and charts, e.g. "GradCtrl masks".
    public let name: String
    /// How this instance was set up, e.g. the chosen component or the channel budgets.
    public let detail: String
    /// What the edit ascends.
    public let target: EditTarget
    /// What the edit protects (used by masked and projected methods).
    public let protected: [ProtectedAttribute]
    /// How the gradient becomes a step.
    public let method: EditMethod
    /// Whether every point keeps the starting latent's norm.
    public let keepNorm: Bool
    /// How it walks.
    public let walk: MethodWalk

    /// A method from its parts.
    public init(name: String, detail: String, target: EditTarget, protected: [ProtectedAttribute] = [],
                method: EditMethod = .plain, keepNorm: Bool, walk: MethodWalk = .edit) {
        self.name = name
        self.detail = detail
        self.target = target
        self.protected = protected
        self.method = method
        self.keepNorm = keepNorm
        self.walk = walk
    }

    /// Whether the sweep may end at the first length that reaches 90% success: only for the costly oracle,
    /// whose report figure (kept at 90% success) needs no longer paths.
    var stopsSweepAtSuccess: Bool {
        if case .imageOracle = walk { return true }
        return false
    }

    /// The settings of a path of total length `length` in `steps` equal steps.
    public func settings(length: Float, steps: Int) throws -> EditSettings {
        try EditSettings(steps: steps, stepLength: length / Float(steps), keepNorm: keepNorm)
    }
}
