import Editing

/// One editing method as the benchmark runs it: what the editor ascends, what it protects and how, and
/// whether each step keeps the latent's starting norm. Every method, linear or curved, goes through
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

    /// A method from its parts.
    public init(name: String, detail: String, target: EditTarget, protected: [ProtectedAttribute] = [],
                method: EditMethod = .plain, keepNorm: Bool) {
        self.name = name
        self.detail = detail
        self.target = target
        self.protected = protected
        self.method = method
        self.keepNorm = keepNorm
    }

    /// The settings of a path of total length `length` in `steps` equal steps.
    public func settings(length: Float, steps: Int) throws -> EditSettings {
        try EditSettings(steps: steps, stepLength: length / Float(steps), keepNorm: keepNorm)
    }
}
