import Charts
import ImageIO

extension DatasetStatistics {
    /// A chart of the statistics: on top, the share of each class among the labelled samples of its
    /// attribute (bars coloured per attribute); below, the correlation between class indicators as a
    /// diverging heatmap (grey where undefined).
    public func chart(width: Int = 900) -> RGBImage {
        var labels = [String](), shares = [Double](), colors = [RGBColor]()
        for (position, statistics) in attributes.enumerated() {
            for (label, name) in statistics.attribute.classes.enumerated() {
                labels.append("\(statistics.attribute.name)=\(name)")
                shares.append(statistics.labelled == 0 ? .nan : 100 * Double(statistics.classCounts[label]) / Double(statistics.labelled))
                colors.append(ChartPalette.colors[position % ChartPalette.colors.count])
            }
        }
        let barHeight = 120 + 28 * labels.count
        let bars = BarChart(title: "class shares among labelled samples (\(count) samples)", labels: labels, values: shares,
                            valueLabel: "% of labelled", barColors: colors, valueDecimals: 1,
                            width: width, height: barHeight, textScale: 2).render()
        // Tall enough that upward column labels (given at most a quarter of the height) are not shortened.
        let longestLabel = indicators.map { measureText($0, scale: 2).width }.max() ?? 0
        let side = max(260 + 48 * indicators.count, 4 * (longestLabel + 8))
        let heatmap = Heatmap(title: "correlation between class indicators", matrix: indicatorCorrelation.map { $0.map { $0 ?? .nan } },
                              rowLabels: indicators, columnLabels: indicators, colorScale: .diverging,
                              valueRange: -1...1, valueDecimals: 2, width: width, height: side, textScale: 2).render()
        var sheet = RGBImage(width: width, height: bars.height + heatmap.height, fill: .white)
        sheet.draw(bars, x: 0, y: 0)
        sheet.draw(heatmap, x: 0, y: bars.height)
        return sheet
    }

    /// Writes `chart()` as a PNG to `path`, atomically.
    public func writeChart(to path: String) throws {
        try writePNG(chart(), to: path)
    }
}
