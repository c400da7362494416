/// How the target gradient is turned into an edit direction at each step.
public enum EditMethod: Sendable, Hashable {
    /// The target probability's gradient as it is.
    case plain
    /// GradCtrl: for each protected attribute, zero the gradient's `budgets[name]` channels where that
    /// attribute is most sensitive at the current latent (see `channelSensitivity`). Every protected
    /// attribute needs a budget; a budget of 0 protects nothing.
    case masked(budgets: [String: Int])
    /// Remove from the gradient its components along every protected attribute's class-probability gradients
    /// (Gram–Schmidt, so several protected directions are removed exactly): to first order, no protected
    /// probability changes.
    case projected

    /// "plain", "masked" or "projected".
    public var kind: String {
        switch self {
        case .plain: return "plain"
        case .masked: return "masked"
        case .projected: return "projected"
        }
    }

    /// A short description such as "masked (smile 10, age 5)".
    public var summary: String {
        guard case .masked(let budgets) = self else { return kind }
        return "masked (" + budgets.keys.sorted().map { "\($0) \(budgets[$0]!)" }.joined(separator: ", ") + ")"
    }

    /// Throws unless the method fits `protected` attributes in `dimension` latent channels: every protected
    /// attribute has exactly one budget, in 0...dimension, and no budget names an unknown attribute.
    public func validate(for protected: [ProtectedAttribute], dimension: Int) throws {
        guard case .masked(let budgets) = self else { return }
        let names = Set(protected.map(\.name))
        if let unknown = budgets.keys.sorted().first(where: { !names.contains($0) }) {
            throw EditError("a channel budget is given for '\(unknown)', which is not a protected attribute (protected: \(protected.map(\.name).joined(separator: ", ")))")
        }
        for attribute in protected {
            guard let budget = budgets[attribute.name] else {
                throw EditError("protected attribute '\(attribute.name)' has no channel budget")
            }
            guard (0...dimension).contains(budget) else {
                throw EditError("channel budget \(budget) for '\(attribute.name)' is outside 0...\(dimension)")
            }
        }
    }
}

extension EditMethod: Codable {
    private enum Keys: String, CodingKey { case kind, budgets }

    /// Reads `{"kind": "plain" | "projected"}` or `{"kind": "masked", "budgets": {name: channels, …}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "plain": self = .plain
        case "projected": self = .projected
        case "masked": self = .masked(budgets: try container.decode([String: Int].self, forKey: .budgets))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "unknown edit method '\(kind)' (known: plain, masked, projected)")
        }
    }

    /// Writes the form `init(from:)` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .kind)
        if case .masked(let budgets) = self { try container.encode(budgets, forKey: .budgets) }
    }
}
