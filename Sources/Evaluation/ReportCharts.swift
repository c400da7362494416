import Charts
import ImageIO

/// Target success against mean preservation for every method of `evaluation`, one line per method through its
/// path lengths (each point labelled with its length), with the Pareto front of the methods (references left
/// out) drawn over them.
public func paretoChart(_ evaluation: TargetEvaluation) -> RGBImage {
    let methods = evaluation.methods.map(\.name)
    // Up to eleven methods, each its own colour; the references have theirs.
    let colors = ChartPalette.colors + [RGBColor(hex: 0x00695C)]
    var series = methods.enumerated().map { index, method in
        let points = evaluation.points.filter { $0.method == method }
        return ChartSeries(name: method, points: points.map { ChartPoint($0.successRate, $0.meanUnchanged) },
                           style: .lineAndPoints, color: referenceColor(method) ?? colors[index % colors.count],
                           lineWidth: isReference(method) ? 1 : 2, pointLabels: points.map { lengthText($0.length) })
    }
    series.append(.paretoFront(of: evaluation.paretoIndices.map {
        ChartPoint(evaluation.points[$0].successRate, evaluation.points[$0].meanUnchanged)
    }))
    return LineChart(title: "\(evaluation.attribute) -> \(evaluation.className), \(evaluation.latentCount) latents",
                     xLabel: "share labelled \(evaluation.className) after the edit",
                     yLabel: "mean share of other labels kept",
                     series: series, width: 1160, height: 620, xRange: 0...1).render()
}

/// The references' own colours, apart from the palette the methods cycle through: light grey for chance, dark
/// blue for the oracle; nil for a method.
private func referenceColor(_ method: String) -> RGBColor? {
    guard isReference(method) else { return nil }
    return method.hasPrefix("random") ? RGBColor(hex: 0xB0B0B0) : RGBColor(hex: 0x1A237E)
}

/// A sheet of example edits: the original images in the first row, then one row per method with the same
/// latents' final images at the example length.
public func examplesSheet(_ evaluation: TargetEvaluation) -> RGBImage {
    let columns = evaluation.examples.first?.images.count ?? 1
    let title = "\(evaluation.attribute) -> \(evaluation.className), path length \(lengthText(evaluation.exampleLength))"
    return ContactSheet(columns: max(columns, 1), tileScale: 2, title: title)
        .render(tiles: evaluation.examples.flatMap(\.images), rowLabels: evaluation.examples.map(\.row),
                columnHeaders: (0..<columns).map { "#\($0)" })
}

/// A path length as short text: "6", or "6.5".
func lengthText(_ length: Float) -> String {
    length == length.rounded() ? String(Int(length)) : String(format: "%g", Double(length))
}
