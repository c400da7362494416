import Foundation

/// The multiclass `color` labeller: the mean RGB of the image border, converted to HSV (h in [0, 1)), gives
/// class 0 `dark` if v < 0.20; else 1 `neutral` if s < 0.15; else 2 `warm` if h < 0.17 or h > 0.90; else
/// 3 `green` if h < 0.45; else 4 `blue`.
///
/// Scores are per-class confidences: for each class, a margin says how far (h, s, v) lies inside that class's
/// region (positive inside, negative outside): the smallest of the distances to the region's boundaries in v,
/// s and hue (hue measured around the circle). The confidences are a softmax of the margins divided by
/// `temperature`, so a colour deep inside the green region scores higher for green than one near its edge.
public struct BorderColorLabeller: ImageLabeller {
    /// "color".
    public let name = "color"
    /// Multiclass.
    public let kind = AttributeKind.multiclass
    /// dark, neutral, warm, green, blue.
    public let classes = ["dark", "neutral", "warm", "green", "blue"]
    /// The pixels whose mean colour is classified.
    public let region: PixelRegion
    /// Below this value the colour is dark.
    public let darkValue = 0.20
    /// Below this saturation a non-dark colour is neutral.
    public let neutralSaturation = 0.15
    /// A saturated, bright colour is warm below this hue…
    public let warmBelowHue = 0.17
    /// …or above this one.
    public let warmAboveHue = 0.90
    /// Otherwise it is green below this hue, else blue.
    public let greenBelowHue = 0.45
    /// The softmax temperature on margins.
    public let temperature = 0.05

    /// The labeller on the given region, by default the border of a 64×64 image.
    public init(region: PixelRegion = BuiltInLabellers.borderRegion) {
        self.region = region
    }

    /// The region and thresholds.
    public var parameters: [String: ParameterValue] {
        ["region": .text(region.description), "dark_below_value": .number(darkValue),
         "neutral_below_saturation": .number(neutralSaturation),
         "warm_below_hue": .number(warmBelowHue), "warm_above_hue": .number(warmAboveHue),
         "green_below_hue": .number(greenBelowHue), "hsv": .text("colorsys.rgb_to_hsv, h in [0, 1)"),
         "confidence_temperature": .number(temperature)]
    }

    /// Describes the confidences.
    public var scoreMeaning: String {
        "per-class confidence: softmax over classes of (margin inside the class region / \(temperature)); columns in class order"
    }

    /// The HSV of the mean border colour of `image`.
    public func borderHSV(of image: PlanarImage) -> (h: Double, s: Double, v: Double) {
        let mean = region.meanColor(of: image)
        return hsv(r: mean.r, g: mean.g, b: mean.b)
    }

    /// The class of a colour by the rule above.
    public func classify(h: Double, s: Double, v: Double) -> Int {
        if v < darkValue { return 0 }
        if s < neutralSaturation { return 1 }
        if h < warmBelowHue || h > warmAboveHue { return 2 }
        if h < greenBelowHue { return 3 }
        return 4
    }

    /// For each class, how far (h, s, v) lies inside its region; positive for the class the rule picks
    /// (away from boundaries), negative for the others.
    public func margins(h: Double, s: Double, v: Double) -> [Double] {
        let bright = v - darkValue
        let saturated = s - neutralSaturation
        var margins = [darkValue - v, min(bright, -saturated)]
        let arcs = [(warmAboveHue, 1 + warmBelowHue), (warmBelowHue, greenBelowHue), (greenBelowHue, warmAboveHue)]
        for arc in arcs {
            margins.append(min(bright, saturated, hueMargin(h, arc)))
        }
        return margins
    }

    /// The class and per-class confidences of `image`.
    public func label(_ image: PlanarImage) -> ImageLabel {
        let (h, s, v) = borderHSV(of: image)
        let logits = margins(h: h, s: s, v: v).map { $0 / temperature }
        let top = logits.max()!
        let weights = logits.map { exp($0 - top) }
        let total = weights.reduce(0, +)
        return ImageLabel(classIndex: classify(h: h, s: s, v: v), scores: weights.map { Float($0 / total) })
    }

    /// Half the width of the hue arc from `arc.0` to `arc.1` (in turns, the end may pass 1) minus the
    /// circular distance from `h` to its centre: positive inside the arc.
    private func hueMargin(_ h: Double, _ arc: (Double, Double)) -> Double {
        let centre = (arc.0 + arc.1) / 2
        var distance = abs(h - centre).truncatingRemainder(dividingBy: 1)
        distance = min(distance, 1 - distance)
        return (arc.1 - arc.0) / 2 - distance
    }
}
