/// A binary labeller that thresholds a luma statistic: the mean luma of one region, minus that of a second
/// region if there is one. Class 1 when the statistic exceeds the threshold; the score is the margin
/// (statistic − threshold), positive for class 1.
public struct LumaThresholdLabeller: ImageLabeller {
    /// The attribute name.
    public let name: String
    /// Always binary.
    public let kind = AttributeKind.binary
    /// Class 0 then class 1.
    public let classes: [String]
    /// The region whose mean luma is taken.
    public let region: PixelRegion
    /// The region whose mean luma is subtracted, if any.
    public let subtractedRegion: PixelRegion?
    /// The statistic must exceed this for class 1.
    public let threshold: Double

    /// A labeller named `name` with classes `[below, above]`.
    public init(name: String, below: String, above: String, region: PixelRegion,
                minus subtractedRegion: PixelRegion? = nil, threshold: Double) {
        self.name = name
        self.classes = [below, above]
        self.region = region
        self.subtractedRegion = subtractedRegion
        self.threshold = threshold
    }

    /// The regions and the threshold.
    public var parameters: [String: ParameterValue] {
        var parameters: [String: ParameterValue] = ["region": .text(region.description), "threshold": .number(threshold)]
        if let subtractedRegion { parameters["minus_region"] = .text(subtractedRegion.description) }
        return parameters
    }

    /// Describes the margin.
    public var scoreMeaning: String {
        "margin: statistic minus threshold \(threshold); positive means class 1 '\(classes[1])'"
    }

    /// The statistic: mean luma of `region`, minus the mean luma of `subtractedRegion` if set.
    public func statistic(of image: PlanarImage) -> Double {
        region.meanLuma(of: image) - (subtractedRegion?.meanLuma(of: image) ?? 0)
    }

    /// Class 1 if the statistic exceeds the threshold, with the margin as score.
    public func label(_ image: PlanarImage) -> ImageLabel {
        let margin = statistic(of: image) - threshold
        return ImageLabel(classIndex: margin > 0 ? 1 : 0, scores: [Float(margin)])
    }
}
