import LatentClassifier
import NumericCore

/// The order in which the page offers samples.
public enum SampleOrder: String, CaseIterable, Sendable, Codable {
    /// Every sample by index.
    case plain
    /// Unlabelled samples, those the current model is least sure of first (smallest gap between its two most
    /// probable classes).
    case uncertain
    /// Labelled samples whose label the current model contradicts, the most confident contradictions first:
    /// likely mistakes.
    case disagreements

    /// How the page names it.
    public var title: String {
        switch self {
        case .plain: return "plain order"
        case .uncertain: return "most uncertain first"
        case .disagreements: return "disagreements"
        }
    }

    /// Whether the order needs a trained model.
    public var needsModel: Bool { self != .plain }
}

/// The samples in `order`, given the current `labels` (one per sample, nil if unlabelled) and the model's
/// class `probabilities` [N, K] (nil when there is no model yet; then only `.plain` can be ordered and the
/// others return nil).
public func orderedSamples(_ order: SampleOrder, labels: [Int?], probabilities: Tensor?) -> [Int]? {
    switch order {
    case .plain:
        return Array(labels.indices)
    case .uncertain:
        guard let probabilities else { return nil }
        let gaps = topTwoGaps(probabilities)
        return labels.indices.filter { labels[$0] == nil }
            .sorted { gaps[$0] != gaps[$1] ? gaps[$0] < gaps[$1] : $0 < $1 }
    case .disagreements:
        guard let probabilities else { return nil }
        let k = probabilities.shape[1]
        let predicted = predictedClasses(probabilities)
        let contradicted = labels.indices.filter { labels[$0] != nil && labels[$0] != predicted[$0] }
        func confidence(_ i: Int) -> Float { probabilities.storage[i * k + predicted[i]] }
        return contradicted.sorted { confidence($0) != confidence($1) ? confidence($0) > confidence($1) : $0 < $1 }
    }
}

/// For each row of `probabilities` [N, K], the most probable class's probability minus the second's.
func topTwoGaps(_ probabilities: Tensor) -> [Float] {
    let k = probabilities.shape[1]
    return (0..<probabilities.shape[0]).map { row in
        var first = -Float.infinity, second = -Float.infinity
        for value in probabilities.storage[(row * k)..<((row + 1) * k)] {
            if value > first { (first, second) = (value, first) } else if value > second { second = value }
        }
        return first - second
    }
}
