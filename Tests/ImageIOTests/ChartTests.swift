import Foundation
import Testing
import ImageIO
import Charts

@Suite struct ChartTests {
    static let epochs = 30
    static let loss = (0..<epochs).map { 2.3 * exp(-Double($0) / 8) + 0.1 }
    static let accuracy = (0..<epochs).map { 1 - 0.9 * exp(-Double($0) / 6) }

    func checkRendered(_ image: RGBImage, width: Int, height: Int) {
        #expect(image.width == width && image.height == height)
        #expect(countPixels(in: image, differentFrom: .white) > width * height / 100)
    }

    @Test(arguments: [(800, 500), (400, 250), (1200, 700)])
    func lineChartRendersAtTheRequestedSize(size: (Int, Int)) {
        let chart = LineChart(title: "Training", xLabel: "epoch", yLabel: "value",
                              series: [ChartSeries(name: "loss", values: Self.loss),
                                       ChartSeries(name: "accuracy", values: Self.accuracy, style: .lineAndPoints)],
                              width: size.0, height: size.1)
        checkRendered(chart.render(), width: size.0, height: size.1)
    }

    @Test func scatterWithParetoFront() {
        let points = (0..<40).map { i -> ChartPoint in
            let t = Double(i) / 39
            return ChartPoint(1 - t * t + 0.1 * sin(Double(i) * 1.7), t + 0.1 * cos(Double(i) * 2.3))
        }
        let chart = LineChart(title: "Success vs preservation", xLabel: "preservation", yLabel: "target success",
                              series: [ChartSeries(name: "edits", points: points, style: .points),
                                       .paretoFront(of: points)])
        checkRendered(chart.render(), width: 800, height: 500)
    }

    @Test func paretoFrontIndices() {
        let points = [ChartPoint(0, 1), ChartPoint(1, 0), ChartPoint(0.5, 0.5), ChartPoint(0.4, 0.4),
                      ChartPoint(0.5, 0.5), ChartPoint(0.2, 1), ChartPoint(.nan, 3)]
        #expect(Charts.paretoFrontIndices(points) == [5, 2, 1])  // (0.2, 1) dominates (0, 1)
        #expect(Charts.paretoFrontIndices(points, maximizeX: false, maximizeY: false) == [0, 3, 1])
        #expect(Charts.paretoFrontIndices([]) == [])
    }

    @Test func degenerateLineChartsStillRender() {
        for series in [[], [ChartSeries(name: "flat", values: [3, 3, 3])],
                       [ChartSeries(name: "one", points: [ChartPoint(5, 5)], style: .points)],
                       [ChartSeries(name: "gaps", values: [1, .nan, 2, .infinity, 4])]] {
            checkRendered(LineChart(title: "t", series: series).render(), width: 800, height: 500)
        }
    }

    @Test(arguments: [BarOrientation.horizontal, .vertical])
    func barChartRenders(orientation: BarOrientation) {
        let labels = (0..<12).map { "ch \($0 * 37)" }
        let values = (0..<12).map { 1 / Double($0 + 1) }
        let chart = BarChart(title: "Saliency", labels: labels, values: values, valueLabel: "|gradient|",
                             orientation: orientation)
        checkRendered(chart.render(), width: 800, height: 500)
        let counts = BarChart(title: "Counts", labels: ["a", "b", "c"], values: [120, -4, 0], orientation: orientation,
                              width: 300, height: 200)
        checkRendered(counts.render(), width: 300, height: 200)
        let many = BarChart(labels: (0..<200).map { "channel \($0)" }, values: (0..<200).map(Double.init),
                            orientation: orientation)
        checkRendered(many.render(), width: 800, height: 500)
    }

    @Test func heatmapRenders() {
        let classes = ["smile", "glasses", "beard", "male", "young"]
        let confusion = matrix(5) { r, c in r == c ? 90 : Double((r * 7 + c * 3) % 11) }
        checkRendered(Heatmap(title: "Confusion", matrix: confusion, rowLabels: classes, columnLabels: classes,
                              rowAxisTitle: "true", columnAxisTitle: "predicted").render(), width: 800, height: 500)
        let correlation = matrix(5) { r, c in r == c ? 1 : 0.8 * sin(Double(r * 5 + c)) }
        checkRendered(Heatmap(matrix: correlation, rowLabels: classes, columnLabels: classes, colorScale: .diverging,
                              width: 500, height: 400).render(), width: 500, height: 400)
        checkRendered(Heatmap(title: "one", matrix: [[0]]).render(), width: 800, height: 500)
        let empty = Heatmap(title: "empty", matrix: []).render()
        #expect(empty.width == 800 && empty.height == 500)
    }
}

/// An n × n matrix with entries `entry(row, column)`.
func matrix(_ n: Int, _ entry: (Int, Int) -> Double) -> [[Double]] {
    (0..<n).map { r in (0..<n).map { c in entry(r, c) } }
}
