import Labellers
import NumericCore

/// A statistic of a generator image that is linear in its pixels, as the built-in labellers' luma and colour
/// means are: Σ weights ⊙ image over the generator's output `[3, H, W]` (values in [-1, 1]; the labellers'
/// [0, 1] values are (x + 1) / 2, which only halves the gradient).
struct LinearImageStatistic: Sendable {
    /// A name for reports, e.g. "lightness luma" or "border red".
    let name: String
    /// The weights `[3, H, W]`, which are also the statistic's gradient with respect to the image.
    let weights: [Float]
}

/// Weights of the mean of `channelWeights` (R, G, B) over `region` of a `size × size` image, minus the same
/// over `minus`.
private func regionWeights(_ region: PixelRegion, minus: PixelRegion?, channelWeights: [Float], size: Int) -> [Float] {
    var weights = [Float](repeating: 0, count: 3 * size * size)
    for (sign, part) in [(Float(1), Optional(region)), (-1, minus)] {
        guard let part else { continue }
        let scale = sign / Float(part.pixelCount)
        for rectangle in part.rectangles {
            for row in rectangle.rows {
                for column in rectangle.columns {
                    for channel in 0..<3 { weights[(channel * size + row) * size + column] += scale * channelWeights[channel] }
                }
            }
        }
    }
    return weights
}

/// The statistics whose exact preservation keeps the built-in labels of every attribute but `target` (on a
/// 64×64 image): a luma labeller's statistic (mean luma of its region, minus that of its second region), and
/// for `color` the mean R, G and B of the border, from which its hue, saturation and value follow (and, as
/// the border's luma is a combination of them, `background`'s statistic too).
func protectedImageStatistics(exceptTarget target: String, size: Int = 64) -> [LinearImageStatistic] {
    let luma: [Float] = [0.299, 0.587, 0.114]
    var statistics = [LinearImageStatistic]()
    for labeller in BuiltInLabellers.all where labeller.name != target {
        if let luminance = labeller as? LumaThresholdLabeller {
            statistics.append(LinearImageStatistic(
                name: "\(labeller.name) luma",
                weights: regionWeights(luminance.region, minus: luminance.subtractedRegion, channelWeights: luma, size: size)))
        } else if let border = labeller as? BorderColorLabeller {
            for (channel, name) in ["red", "green", "blue"].enumerated() {
                var channelWeights: [Float] = [0, 0, 0]
                channelWeights[channel] = 1
                statistics.append(LinearImageStatistic(
                    name: "\(labeller.name) border \(name)",
                    weights: regionWeights(border.region, minus: nil, channelWeights: channelWeights, size: size)))
            }
        }
    }
    return statistics
}
