/// Remembers the best validation epoch so far by a `CheckpointCriterion` and how long ago it was.
struct BestEpochTracker {
    private let criterion: CheckpointCriterion
    /// The best epoch so far (1-based), 0 before any.
    private(set) var bestEpoch = 0
    private var bestAccuracy = -Double.infinity
    private var bestLoss = Double.infinity

    /// A tracker that ranks epochs by `criterion`.
    init(criterion: CheckpointCriterion) { self.criterion = criterion }

    /// Records an epoch's validation result; returns whether it is the new best.
    mutating func record(epoch: Int, accuracy: Double, loss: Double) -> Bool {
        let better: Bool
        switch criterion {
        case .validationAccuracy:
            better = accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss)
        case .validationLoss:
            better = loss < bestLoss
        }
        guard better || bestEpoch == 0 else { return false }
        (bestEpoch, bestAccuracy, bestLoss) = (epoch, accuracy, loss)
        return true
    }

    /// Whether `patience` epochs have passed since the best one, at the end of `epoch`.
    func patienceExhausted(after epoch: Int, patience: Int?) -> Bool {
        guard let patience else { return false }
        return epoch - bestEpoch >= patience
    }
}
