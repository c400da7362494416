import Charts
import Foundation
import ImageIO

/// A bar chart of the `count` channels that move `saliency`'s attribute most (mean ½ Σ_c |∂p_c/∂z_i|),
/// most important at the top. For a binary attribute a bar is blue when raising the channel raises
/// p(class 1) on average and orange when it lowers it.
public func saliencyBarChart(_ saliency: AttributeSaliency, count: Int = 20) -> RGBImage {
    let top = saliency.topChannels(min(count, saliency.dimension))
    let binary = saliency.outputs.count == 1
    let sign = binary ? "; blue raises p(\(saliency.classNames[1]))" : ""
    return BarChart(title: "\(saliency.attribute): top \(top.count) channels",
                    labels: top.map { "z\($0)" }, values: top.map { Double(saliency.sensitivity[$0]) },
                    valueLabel: "mean |dp/dz| (\(saliency.sampleCount) latents)" + sign,
                    barColors: binary ? top.map { ChartPalette.colors[saliency.outputs[0].signedMean[$0] >= 0 ? 0 : 1] } : nil,
                    height: max(500, 60 + 22 * top.count)).render()
}

/// A heatmap of how many of each attribute's `count` most important channels are also among each other
/// attribute's (`SaliencyReport.topChannelOverlap`).
public func topChannelOverlapChart(_ report: SaliencyReport, count: Int = 10) -> RGBImage {
    let names = report.attributes.map(\.attribute)
    return Heatmap(title: "Shared top-\(count) channels", matrix: report.topChannelOverlap(count: count).map { $0.map(Double.init) },
                   rowLabels: names, columnLabels: names, valueRange: 0...Double(count), valueDecimals: 0).render()
}

/// Writes `saliency-<attribute>.png` for every attribute and `saliency-overlap.png` into `directory`, each
/// atomically; returns the paths written.
public func writeSaliencyCharts(_ report: SaliencyReport, to directory: String, count: Int = 20,
                                overlapCount: Int = 10) throws -> [String] {
    var paths = [String]()
    for saliency in report.attributes {
        let path = (directory as NSString).appendingPathComponent("saliency-\(saliency.attribute).png")
        try writePNG(saliencyBarChart(saliency, count: count), to: path)
        paths.append(path)
    }
    let path = (directory as NSString).appendingPathComponent("saliency-overlap.png")
    try writePNG(topChannelOverlapChart(report, count: overlapCount), to: path)
    return paths + [path]
}
