/// How much a protected attribute changed along a batch of edit paths, judged by its classifier. For each
/// latent, c₀ is the class predicted at the start and p(s) the probability of c₀ at path point s.
public struct ProtectedDrift: Sendable, Equatable, Codable {
    /// The attribute's name.
    public let name: String
    /// The mean over latents of max_s |p(s) − p(0)|: the largest change anywhere along the path.
    public let meanPathDrift: Double
    /// The mean over latents of |p(end) − p(0)|.
    public let meanFinalDrift: Double
    /// The fraction of latents whose predicted class at the end differs from c₀.
    public let labelChangeRate: Double
}

/// Target success and protected drift of a batch of edit paths, measured with the classifiers alone.
public struct EditMeasurement: Sendable, Equatable, Codable {
    /// The number of latents measured.
    public let latentCount: Int
    /// The fraction of latents whose predicted class at the end of the path is the target class.
    public let successRate: Double
    /// The mean target probability at the end of the path.
    public let meanFinalTargetProbability: Double
    /// The mean number of steps taken.
    public let meanStepsTaken: Double
    /// The fraction of latents that stopped because masking or projection removed the whole gradient.
    public let removedGradientRate: Double
    /// The mean latent norm at the start and at the end of the path.
    public let meanStartNorm: Double, meanFinalNorm: Double
    /// Each protected attribute's drift, in the order of the edit's protected attributes.
    public let protected: [ProtectedDrift]

    /// The mean over protected attributes of `meanPathDrift` (0 without protected attributes).
    public var meanPathDrift: Double { mean(protected.map(\.meanPathDrift)) }
    /// The mean over protected attributes of `meanFinalDrift`.
    public var meanFinalDrift: Double { mean(protected.map(\.meanFinalDrift)) }
    /// The mean over protected attributes of `labelChangeRate`.
    public var labelChangeRate: Double { mean(protected.map(\.labelChangeRate)) }

    /// The measurement of `result`.
    public init(_ result: EditResult) {
        let n = result.path.shape[0], last = result.path.shape[1] - 1, d = result.path.shape[2]
        latentCount = n
        let finalClasses = result.target.predictedClasses(atPoint: last)
        successRate = fraction(finalClasses.map { $0 == result.targetClass })
        meanFinalTargetProbability = mean((0..<n).map {
            Double(result.target.probability(latent: $0, point: last, ofClass: result.targetClass))
        })
        meanStepsTaken = mean(result.stops.map { Double($0?.stepsTaken ?? last) })
        removedGradientRate = fraction(result.stops.map { $0?.reason == .methodRemovedGradient })
        func meanNorm(point: Int) -> Double {
            mean((0..<n).map { row in
                let start = (row * (last + 1) + point) * d
                return result.path.storage[start..<(start + d)].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            })
        }
        meanStartNorm = meanNorm(point: 0)
        meanFinalNorm = meanNorm(point: last)
        protected = result.protected.map { trace in
            let initial = trace.predictedClasses(atPoint: 0)
            let final = trace.predictedClasses(atPoint: last)
            var pathDrift = 0.0, finalDrift = 0.0
            for latent in 0..<n {
                let c = initial[latent]
                let start = trace.probability(latent: latent, point: 0, ofClass: c)
                var largest: Float = 0
                for point in 0...last {
                    largest = max(largest, abs(trace.probability(latent: latent, point: point, ofClass: c) - start))
                }
                pathDrift += Double(largest)
                finalDrift += Double(abs(trace.probability(latent: latent, point: last, ofClass: c) - start))
            }
            return ProtectedDrift(name: trace.name, meanPathDrift: pathDrift / Double(max(n, 1)),
                                  meanFinalDrift: finalDrift / Double(max(n, 1)),
                                  labelChangeRate: fraction(zip(initial, final).map { $0 != $1 }))
        }
    }

    /// Measurements of disjoint batches edited with the same method, pooled as if they were one batch (each
    /// weighted by its latent count); all must have the same protected attributes.
    public init(pooling parts: [EditMeasurement]) {
        precondition(!parts.isEmpty && parts.allSatisfy { $0.protected.map(\.name) == parts[0].protected.map(\.name) },
                     "pooled measurements need the same protected attributes")
        let total = parts.reduce(0) { $0 + $1.latentCount }
        func pooled(_ value: (EditMeasurement) -> Double) -> Double {
            total == 0 ? 0 : parts.reduce(0.0) { $0 + value($1) * Double($1.latentCount) } / Double(total)
        }
        latentCount = total
        successRate = pooled(\.successRate)
        meanFinalTargetProbability = pooled(\.meanFinalTargetProbability)
        meanStepsTaken = pooled(\.meanStepsTaken)
        removedGradientRate = pooled(\.removedGradientRate)
        meanStartNorm = pooled(\.meanStartNorm)
        meanFinalNorm = pooled(\.meanFinalNorm)
        protected = parts[0].protected.indices.map { a in
            ProtectedDrift(name: parts[0].protected[a].name,
                           meanPathDrift: pooled { $0.protected[a].meanPathDrift },
                           meanFinalDrift: pooled { $0.protected[a].meanFinalDrift },
                           labelChangeRate: pooled { $0.protected[a].labelChangeRate })
        }
    }
}

/// The mean of `values`, 0 when empty.
private func mean(_ values: [Double]) -> Double {
    values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}

/// The fraction of true values, 0 when empty.
private func fraction(_ flags: [Bool]) -> Double {
    mean(flags.map { $0 ? 1 : 0 })
}
