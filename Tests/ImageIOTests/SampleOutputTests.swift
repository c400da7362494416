import Foundation
import Testing
import ImageIO
import Charts

/// Renders one of each output kind and writes them as PNG files. With the environment variable
/// IMAGEIO_SAMPLE_DIR set, the files go there and are kept (for looking at them); otherwise they go to
/// a temporary directory that is removed afterwards.
@Suite struct SampleOutputTests {
    @Test func writeSamples() throws {
        let kept = ProcessInfo.processInfo.environment["IMAGEIO_SAMPLE_DIR"]
        let temporary = kept == nil ? try TemporaryDirectory() : nil
        defer { temporary?.cleanUp() }
        func path(_ name: String) -> String {
            kept.map { URL(fileURLWithPath: $0).appendingPathComponent(name).path } ?? temporary!.path(name)
        }

        let faces = (0..<20).map { fakeFace(seed: $0) }
        let sheet = ContactSheet(columns: 10, title: "Seeds 0-19 (64x64)")
            .render(tiles: faces, captions: faces.indices.map { "\($0 * 37)" })
        try writePNG(sheet, to: path("contact-sheet.png"))

        let strips = (0..<3).flatMap { row in (0..<6).map { fakeFace(seed: row * 6 + $0, greenTint: $0 * 25) } }
        let edits = ContactSheet(columns: 6).render(
            tiles: strips, rowLabels: ["#12 toward green", "#40 toward green", "#7 away"],
            columnHeaders: ["orig", "1", "2", "3", "4", "5"])
        try writePNG(edits, to: path("edit-strips.png"))
        try writeJPEG(edits, to: path("edit-strips.jpg"))

        let epochs = 40
        let training = LineChart(
            title: "Latent classifier training", xLabel: "epoch", yLabel: "loss / accuracy",
            series: [
                ChartSeries(name: "train loss", values: (0..<epochs).map { 0.7 * exp(-Double($0) / 9) + 0.08 }),
                ChartSeries(name: "val loss", values: (0..<epochs).map { 0.72 * exp(-Double($0) / 10) + 0.12 + 0.01 * sin(Double($0)) }),
                ChartSeries(name: "val accuracy", values: (0..<epochs).map { 0.97 - 0.45 * exp(-Double($0) / 7) },
                            style: .lineAndPoints),
            ])
        try writePNG(training.render(), to: path("chart-training.png"))
        var small = training
        (small.width, small.height) = (400, 250)
        try writePNG(small.render(), to: path("chart-training-small.png"))

        let steps = [0.5, 1, 1.5, 2, 3, 4, 6, 8]
        let methods = ["gradient", "linear", "random"]
        var series: [ChartSeries] = []
        var all: [ChartPoint] = []
        for (m, method) in methods.enumerated() {
            let points = steps.map { step -> ChartPoint in
                let success = min(0.98, (1 - exp(-step / Double(2 + m))) * (1 - 0.2 * Double(m)))
                let preservation = exp(-step / Double(7 - 2 * m))
                return ChartPoint(preservation, success)
            }
            all += points
            series.append(ChartSeries(name: method, points: points, style: .points,
                                      pointLabels: m == 0 ? steps.map { "\($0)" } : nil))
        }
        series.append(.paretoFront(of: all))
        let tradeOff = LineChart(title: "Target success vs preservation", xLabel: "preservation (1 - LPIPS proxy)",
                                 yLabel: "target success", series: series, yRange: 0...1)
        try writePNG(tradeOff.render(), to: path("chart-pareto.png"))

        let channels = (0..<20).map { "conv3 ch \(($0 * 53) % 512)" }
        let saliency = (0..<20).map { 0.9 * exp(-Double($0) / 6) + 0.02 }
        try writePNG(BarChart(title: "Top-20 channel saliency: smiling", labels: channels, values: saliency,
                              valueLabel: "mean |d logit / d activation|").render(),
                     to: path("chart-saliency.png"))
        let classes = ["smiling", "eyeglasses", "beard", "male", "young", "bald", "hat", "makeup"]
        try writePNG(BarChart(title: "Images per class", labels: classes, values: [812, 143, 260, 1020, 1540, 37, 98, 455],
                              valueLabel: "images", orientation: .vertical,
                              barColors: ChartPalette.colors).render(),
                     to: path("chart-counts.png"))

        let confusion = matrix(8) { r, c in r == c ? Double(80 + (r * 13) % 19) : Double((r * 7 + c * 3) % 9) }
        try writePNG(Heatmap(title: "Confusion matrix (validation)", matrix: confusion, rowLabels: classes,
                             columnLabels: classes, rowAxisTitle: "true class", columnAxisTitle: "predicted class").render(),
                     to: path("chart-confusion.png"))
        let correlation = matrix(5) { r, c in r == c ? 1 : 0.8 * sin(Double(r * 5 + c) + Double(c * 5 + r)) }
        try writePNG(Heatmap(title: "Attribute correlation", matrix: correlation,
                             rowLabels: Array(classes.prefix(5)), columnLabels: Array(classes.prefix(5)),
                             colorScale: .diverging, valueRange: -1...1).render(),
                     to: path("chart-correlation.png"))

        for name in ["contact-sheet.png", "edit-strips.png", "chart-training.png", "chart-pareto.png",
                     "chart-saliency.png", "chart-counts.png", "chart-confusion.png", "chart-correlation.png"] {
            #expect(try readPNG(path(name)).width > 0)
        }
    }
}

/// A 64×64 stand-in for a generated face: a skin-coloured disc with eyes and a mouth on a tinted background.
func fakeFace(seed: Int, greenTint: Int = 0) -> RGBImage {
    var planes = [Float](repeating: 0, count: 3 * 64 * 64)
    let hue = Float(seed % 7) / 7
    for y in 0..<64 {
        for x in 0..<64 {
            let dx = Float(x) - 32, dy = Float(y) - 34
            let face = (dx * dx) / 380 + (dy * dy) / 560 < 1
            let eye = ((Float(x) - 25) * (Float(x) - 25) + (Float(y) - 28) * (Float(y) - 28) < 9)
                || ((Float(x) - 39) * (Float(x) - 39) + (Float(y) - 28) * (Float(y) - 28) < 9)
            let mouth = abs(Float(y) - 46 + 0.03 * dx * dx) < 1.5 && abs(dx) < 9
            var rgb: (Float, Float, Float) = face ? (0.8, 0.3, 0.1) : (-0.6 + hue, -0.2, 0.4 - hue)
            if eye || mouth { rgb = (-0.8, -0.8, -0.7) }
            rgb.1 += Float(greenTint) / 100
            planes[y * 64 + x] = rgb.0
            planes[4096 + y * 64 + x] = rgb.1
            planes[8192 + y * 64 + x] = rgb.2
        }
    }
    return RGBImage(planarFloats: planes, width: 64, height: 64)
}
