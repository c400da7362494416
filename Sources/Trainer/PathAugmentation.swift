/// Labelled points along edit paths, added to every attribute's training rows.
///
/// Edits go where the prior's samples lie thin: along the target's gradient paths. There the protected
/// classifiers, which an edit holds still, and the target, whose gradient it follows, have seen no labels, and a
/// target gradient can raise the classifier's probability without changing the image. Latents drawn afresh are
/// edited toward each of the target's classes (a first target's plain gradient, the editor's step settings),
/// the points a few steps along each path are rendered and labelled by the dataset's own labellers, and every
/// classifier, the target included, is trained again with them. Measured on the main job (800 latents edited
/// toward green, judged by the image labellers): see the README's measurements.
public struct PathAugmentation: Sendable, Equatable {
    /// Starting latents edited (latent i toward class i mod K); 0 turns path augmentation off; nil: a tenth of
    /// the dataset's samples (`defaultFraction`).
    public var latents: Int?
    /// The steps along each path whose points are labelled (each in 1...the editor's step count); nil: the steps
    /// at `defaultLabelledFractions` of the editor's step count.
    public var labelledSteps: [Int]?

    /// The starting latents by default, as a fraction of the dataset's samples: the main job's 20,000 give
    /// 2,000, whose 6,000 points take about 8 s to render and label on 2 cores. With 1,000, 2,000 and 4,000 the
    /// main job's edits toward green kept lightness 91.0/91.0/94.0% and light_side 83.0/88.5/87.0% (200 latents).
    public static let defaultFraction = 0.1

    /// Where along a path its points are labelled by default, as fractions of the editor's step count: a third,
    /// two thirds and the end (after 3, 6 and 9 of 9 steps).
    public static let defaultLabelledFractions: [Double] = [1.0 / 3, 2.0 / 3, 1]

    /// Settings; by default a tenth of the dataset's samples and points at `defaultLabelledFractions` of the
    /// editor's steps.
    public init(latents: Int? = nil, labelledSteps: [Int]? = nil) {
        self.latents = latents
        self.labelledSteps = labelledSteps
    }

    /// The steps whose points are labelled on paths of `editorSteps` steps: the ones given, or the default
    /// fractions of `editorSteps` (rounded, at least 1, without repeats).
    public func steps(editorSteps: Int) -> [Int] {
        labelledSteps ?? Array(Set(Self.defaultLabelledFractions.map { max(1, Int((Double(editorSteps) * $0).rounded())) })).sorted()
    }

    /// The starting latents for a dataset of `sampleCount` samples.
    public func latentCount(datasetSamples sampleCount: Int) -> Int {
        latents ?? Int((Double(sampleCount) * Self.defaultFraction).rounded())
    }

    /// The seed of the starting latents' own stream, from the dataset's seed (never the dataset's own
    /// stream, nor the editor's).
    public static func startSeed(datasetSeed: UInt64) -> UInt64 { datasetSeed ^ 0x5041_5448_5341_4D50 }
}
