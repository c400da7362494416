import NumericCore

/// The stop rule a bundle's default edit follows: a latent stops as soon as its target probability reaches
/// `stopProbability`, and takes at most `steps` steps; the main job chooses both on held-out latents
/// (`ArrivalChoice` in Jobs).
public enum ArrivalDefaults {
    /// The thresholds the main job chooses among (besides none: fixed steps).
    public static let thresholds: [Float] = [0.9, 0.95, 0.97, 0.99]
    /// The step budgets it chooses among, from the editor's `standard` step count to three times it.
    public static func budgets(standard: Int) -> [Int] {
        [2, 3, 4, 6].map { Int((Double(standard * $0) / 2).rounded()) }
    }
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
        let n = path.shape[0]
        precondition(points.count == n, "latents(atPoints:): \(points.count) points for \(n) paths")
        return latents(atPoints: points.map { $0 ?? path.shape[1] - 1 }, rows: Array(0..<n))
    }

    /// The latents `[M, D]` at point `points[i]` of path `rows[i]`.
    public func latents(atPoints points: [Int], rows: [Int]) -> Tensor {
        let (n, count, d) = (path.shape[0], path.shape[1], path.shape[2])
        precondition(points.count == rows.count && rows.allSatisfy { (0..<n).contains($0) } && points.allSatisfy { (0..<count).contains($0) },
                     "latents(atPoints:rows:): points outside the paths")
        return path.reshaped([n * count, d]).gathering(rows: zip(rows, points).map { $0 * count + $1 })
    }
}
