/// Why a latent stopped moving before the last step.
public enum EditStopReason: String, Sendable, Equatable, CustomStringConvertible {
    /// The target probability's gradient has no direction here (`targetDirection` is zero or not finite: the
    /// classifier does not change with the latent).
    case targetGradientVanished
    /// Masking or projection removed the whole target gradient (what is left is below
    /// `vanishedGradientTolerance` of its length): the protected attributes leave no direction.
    case methodRemovedGradient
    /// The target probability reached the requested stop probability.
    case reachedStopProbability

    /// One line for a warning or report.
    public var description: String {
        switch self {
        case .targetGradientVanished: return "the target classifier has no gradient here"
        case .methodRemovedGradient: return "masking or projection removed the whole target gradient"
        case .reachedStopProbability: return "the target probability reached the stop probability"
        }
    }
}

/// A latent that stopped early: why, and after how many steps.
public struct EditStop: Sendable, Equatable {
    /// Why it stopped.
    public let reason: EditStopReason
    /// The number of steps it had taken when it stopped.
    public let stepsTaken: Int
}
