/// The per-class loss weights `weighting` gives for training labels over `classCount` classes, or `nil`
/// for uniform weighting. Balanced weights are `n / (K · n_k)`; a class absent from the labels gets weight 1.
public func classWeights(_ weighting: ClassWeighting, trainingLabels: [Int], classCount: Int) -> [Float]? {
    switch weighting {
    case .uniform:
        return nil
    case .explicit(let weights):
        return weights
    case .balanced:
        return classCounts(trainingLabels, classCount: classCount).map {
            $0 == 0 ? 1 : Float(trainingLabels.count) / Float(classCount * $0)
        }
    }
}

/// How many of `labels` fall in each class of `0..<classCount`.
func classCounts(_ labels: [Int], classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
}
