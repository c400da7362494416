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
    /// The projected step followed by `rounds` restoring corrections: each moves the latent the shortest
    /// way that, to first order, brings every protected classifier's outputs back to their values at the
    /// path's start (see `docs/bundle-format.md`), so that drift does not accumulate along the path.
    case restored(rounds: Int)

    /// The restoring rounds the main job's bundles use: two (one leaves about a third of the drift, measured).
    public static let defaultRestoringRounds = 2

    /// "plain", "masked", "projected" or "restored".
    public var kind: String {
        switch self {
        case .plain: return "plain"
        case .masked: return "masked"
        case .projected: return "projected"
        case .restored: return "restored"
        }
    }

    /// A short description such as "masked (smile 10, age 5)" or "restored (2 rounds)".
    public var summary: String {
        switch self {
        case .masked(let budgets):
            return "masked (" + budgets.keys.sorted().map { "\($0) \(budgets[$0]!)" }.joined(separator: ", ") + ")"
        case .restored(let rounds): return "restored (\(rounds) round\(rounds == 1 ? "" : "s"))"
        default: return kind
        }
    }

    /// Throws unless the method fits `protected` attributes in `dimension` latent channels: every protected
    /// attribute has exactly one budget, in 0...dimension, and no budget names an unknown attribute.
    public func validate(for protected: [ProtectedAttribute], dimension: Int) throws {
        if case .restored(let rounds) = self, !(1...10).contains(rounds) {
            throw EditError("restoring rounds must lie in 1...10, got \(rounds)")
        }
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
    private enum Keys: String, CodingKey { case kind, budgets, rounds }

    /// Reads `{"kind": "plain" | "projected"}`, `{"kind": "masked", "budgets": {name: channels, …}}` or
    /// `{"kind": "restored", "rounds": n}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "plain": self = .plain
        case "projected": self = .projected
        case "masked": self = .masked(budgets: try container.decode([String: Int].self, forKey: .budgets))
        case "restored": self = .restored(rounds: try container.decode(Int.self, forKey: .rounds))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                   debugDescription: "unknown edit method '\(kind)' (known: plain, masked, projected, restored)")
        }
    }

    /// Writes the form `init(from:)` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(kind, forKey: .kind)
        if case .masked(let budgets) = self { try container.encode(budgets, forKey: .budgets) }
        if case .restored(let rounds) = self { try container.encode(rounds, forKey: .rounds) }
    }
}
