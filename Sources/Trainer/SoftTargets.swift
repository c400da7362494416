import LatentClassifier
import NumericCore

/// Continuous targets a classifier learns from instead of its hard labels (which still decide accuracy, the
/// class weights and the kept epoch): a labeller's per-class probabilities, or a binary attribute's margin.
public enum SoftTargets: Sendable, Equatable {
    /// Class probabilities `[N, K]`, one row per dataset sample, each row summing to 1: soft-label
    /// cross-entropy for a softmax head; for a sigmoid head (K = 2) binary cross-entropy against column 1.
    case probabilities(Tensor)
    /// Margins `[N]` whose sign is the class (positive: class 1), one per dataset sample: a sigmoid head's
    /// logit regresses margin / `scale` (half squared error), so the logit is a margin in units of `scale`.
    case margins(Tensor, scale: Float)

    /// A short name for reports: `soft-label cross-entropy` or `margin regression`.
    public var lossName: String {
        switch self {
        case .probabilities: return "soft-label cross-entropy"
        case .margins: return "margin regression"
        }
    }

    /// The targets of dataset rows `rows`, as the loss takes them.
    func rows(_ rows: [Int]) -> LossTargets {
        switch self {
        case .probabilities(let values): return .probabilities(values.gathering(rows: rows))
        case .margins(let values, let scale):
            return .logits(Tensor(shape: [rows.count, 1], storage: rows.map { values.storage[$0] / scale }))
        }
    }

    /// Why these targets cannot train `architecture` on `sampleCount` samples, or nil.
    func problem(for architecture: ClassifierArchitecture, sampleCount: Int) -> String? {
        switch self {
        case .probabilities(let values):
            guard values.rank == 2, values.shape[0] == sampleCount, values.shape[1] == architecture.classCount else {
                return "soft targets have shape \(values.shape), expected [\(sampleCount), \(architecture.classCount)]"
            }
            guard values.storage.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
                return "soft targets must be probabilities in [0, 1]"
            }
        case .margins(let values, let scale):
            guard architecture.head == .sigmoid else { return "margin targets need a sigmoid head" }
            guard values.count == sampleCount else { return "\(values.count) margins for \(sampleCount) samples" }
            guard scale > 0, scale.isFinite, values.storage.allSatisfy(\.isFinite) else {
                return "margins and their scale must be finite, the scale positive"
            }
        }
        return nil
    }
}

/// The targets of one batch in the loss: hard labels, class probabilities, or logit values.
public enum LossTargets: Sendable {
    /// Class indices.
    case labels
    /// Probabilities `[n, K]`.
    case probabilities(Tensor)
    /// Logit targets `[n, 1]`.
    case logits(Tensor)
}
