import NumericCore

/// The stop rule a bundle's default edit follows: a latent stops as soon as its target probability reaches
/// `stopProbability`, and takes at most `steps` steps; the main job chooses both on held-out latents
/// (`ArrivalChoice` in Jobs).
public enum ArrivalDefaults {
    /// The thresholds the main job chooses among.
    public static let thresholds: [Float] = [0.9, 0.95, 0.97, 0.99]
    /// The longest budget it considers, in multiples of the editor's default step count.
    public static let budgetMultiple = 3
    /// The share of arriving held-out latents the budget must let arrive.
    public static let arrivingShare = 0.98
}

extension EditResult {
    /// For each latent, the first path point whose target probability reaches `threshold` (0 when the start
    /// already does), or nil when no point does. A latent edited with a stop probability `p ≥ threshold`
    /// follows, up to that point, the path an edit stopping at `threshold` takes, so one run at the highest
    /// threshold answers every lower one.
    public func arrivalPoints(threshold: Float) -> [Int?] {
        (0..<target.latentCount).map { latent in
            (0..<target.pointCount).first { target.probability(latent: latent, point: $0, ofClass: targetClass) >= threshold }
        }
    }

    /// The latents `[N, D]` at `points[i]` of each path (the last point where it is nil).
    public func latents(atPoints points: [Int?]) -> Tensor {
        let (n, count, d) = (path.shape[0], path.shape[1], path.shape[2])
        precondition(points.count == n, "latents(atPoints:): \(points.count) points for \(n) paths")
        return path.reshaped([n * count, d]).gathering(rows: (0..<n).map { $0 * count + (points[$0] ?? count - 1) })
    }
}
