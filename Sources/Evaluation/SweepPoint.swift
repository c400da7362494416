/// How one method did at one path length on a target's held-out latents, judged by the target's judge (the image
/// labellers, or judge classifiers cross-fitted on samples no classifier of the edit trained on).
public struct SweepPoint: Sendable, Equatable {
    /// The method's name.
    public let method: String
    /// The path's total length in latent units.
    public let length: Float
    /// The share of final points the judge puts in the target class.
    public let successRate: Double
    /// For each other attribute the judge labels (in `TargetEvaluation.judgedAttributes` order), the share of latents whose
    /// label is the same before and after the edit.
    public let unchanged: [Double]
    /// The mean of `unchanged`: the preservation plotted against success.
    public let meanUnchanged: Double
    /// The mean norm of the final latents (about 10 on the 100-d prior's typical shell).
    public let meanNorm: Double
    /// The mean absolute change of the pixel values (on a 0–1 scale) from the first image to the last; nil when
    /// the generator does not render here.
    public let meanPixelChange: Double?
    /// The number of latents that stopped before the last step (masking or projection left no direction).
    public let stoppedEarly: Int

    /// A point from its figures.
    public init(method: String, length: Float, successRate: Double, unchanged: [Double], meanUnchanged: Double,
                meanNorm: Double, meanPixelChange: Double?, stoppedEarly: Int) {
        self.method = method
        self.length = length
        self.successRate = successRate
        self.unchanged = unchanged
        self.meanUnchanged = meanUnchanged
        self.meanNorm = meanNorm
        self.meanPixelChange = meanPixelChange
        self.stoppedEarly = stoppedEarly
    }
}
