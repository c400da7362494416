import ImageIO

/// A line or scatter chart of named series with axes, tick labels, grid, title and legend
/// (training curves; trade-off plots such as target success against preservation).
public struct LineChart: Sendable {
    /// Text centred above the plot.
    public var title: String
    /// Horizontal axis title.
    public var xLabel: String
    /// Vertical axis title (drawn running upward).
    public var yLabel: String
    /// The series, drawn in order; emphasised ones last.
    public var series: [ChartSeries]
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Fixed horizontal range; nil fits the data, widened to round ticks.
    public var xRange: ClosedRange<Double>?
    /// Fixed vertical range; nil fits the data, widened to round ticks.
    public var yRange: ClosedRange<Double>?
    /// Whether horizontal ticks must be whole numbers (epochs, steps); nil decides from the data.
    public var integerX: Bool?
    /// Font scale; nil picks 2 for images of about 560 × 340 or larger, else 1.
    public var textScale: Int?
    /// Image background.
    public var background: RGBColor

    /// A chart with the given content; 800 × 500 by default.
    public init(title: String = "", xLabel: String = "", yLabel: String = "", series: [ChartSeries],
                width: Int = 800, height: Int = 500, xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, integerX: Bool? = nil, textScale: Int? = nil,
                background: RGBColor = .white) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.width = width
        self.height = height
        self.xRange = xRange
        self.yRange = yRange
        self.integerX = integerX
        self.textScale = textScale
        self.background = background
    }

    /// Draws the chart as an image of exactly `width` × `height` pixels.
    public func render() -> RGBImage {
        precondition(width > 0 && height > 0, "LineChart: size must be positive")
        var image = RGBImage(width: width, height: height, fill: background)
        let s = max(1, textScale ?? automaticTextScale(width: width, height: height))
        let margin = 6 * s
        let styled = series.enumerated().map { index, item in
            (item: item,
             color: item.color ?? ChartPalette.colors[index % ChartPalette.colors.count],
             marker: item.marker ?? MarkerShape.allCases[index % MarkerShape.allCases.count])
        }

        // Data extent.
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let dataX = finite.isEmpty ? 0...1 : (finite.map(\.x).min()!)...(finite.map(\.x).max()!)
        let dataY = finite.isEmpty ? 0...1 : (finite.map(\.y).min()!)...(finite.map(\.y).max()!)
        let wholeX = integerX ?? (!finite.isEmpty && finite.allSatisfy { $0.x == $0.x.rounded() })

        // Vertical layout.
        let titleHeight = drawTitle(title, width: width, top: margin, scale: s, on: &image)
        let top = margin + titleHeight + 4 * s
        let tickLabelHeight = 7 * s + 5 * s
        let xTitleHeight = xLabel.isEmpty ? 0 : 9 * s + 4 * s
        let bottom = height - margin - xTitleHeight - tickLabelHeight
        let plotHeight = max(bottom - top, 10)
        let yTicks = fittedTicks(data: yRange ?? dataY, length: plotHeight, fixed: yRange != nil, integers: false,
                                 preferredSpacing: 32 * s, labelSize: { _ in 7 * s }, gap: 6 * s)

        // Horizontal layout.
        let legend = Legend(entries: styled.filter { !$0.item.name.isEmpty }.map {
            LegendEntry(name: $0.item.name, color: $0.color, style: $0.item.style, marker: $0.marker,
                        lineWidth: $0.item.lineWidth, markerRadius: $0.item.markerRadius,
                        emphasized: $0.item.emphasized)
        }, scale: s)
        let legendWidth = legend.width(maxWidth: width * 3 / 10)
        let yTitleWidth = yLabel.isEmpty ? 0 : 9 * s + 4 * s
        let left = margin + yTitleWidth + widestLabel(yTicks.values, decimals: yTicks.decimals, scale: s) + 5 * s
        let right = width - margin - (legendWidth > 0 ? legendWidth + 6 * s : 2 * s)
        let plotWidth = max(right - left, 10)
        let xTicks = fittedTicks(data: xRange ?? dataX, length: plotWidth, fixed: xRange != nil, integers: wholeX,
                                 preferredSpacing: 60 * s,
                                 labelSize: { widestLabel($0.values, decimals: $0.decimals, scale: s) }, gap: 8 * s)

        let frame = PlotFrame(x: left, y: top, width: plotWidth, height: plotHeight,
                              xRange: xTicks.range, yRange: yTicks.range, inset: Double(3 * s + 2))
        frame.drawAxes(xTicks: xTicks, yTicks: yTicks, scale: s, on: &image)

        // Lines of plain series, then emphasised lines (over a white halo), then plain markers, then
        // rings around the emphasised points, so that an emphasised front never hides the points it runs through.
        for entry in styled where !entry.item.emphasized { drawLine(entry.item, color: entry.color, in: frame, on: &image) }
        for entry in styled where entry.item.emphasized { drawLine(entry.item, color: entry.color, in: frame, on: &image) }
        for entry in styled where !entry.item.emphasized {
            drawMarkers(entry.item, color: entry.color, marker: entry.marker, in: frame, on: &image)
        }
        for entry in styled where entry.item.emphasized {
            drawMarkers(entry.item, color: entry.color, marker: entry.marker, in: frame, on: &image)
        }
        for entry in styled { drawPointLabels(entry.item, in: frame, scale: s, on: &image) }

        // Axis titles and legend.
        if !xLabel.isEmpty {
            let text = truncateText(xLabel, toWidth: plotWidth, scale: s)
            let size = measureText(text, scale: s)
            drawText(text, x: left + (plotWidth - size.width) / 2, y: height - margin - size.height,
                     scale: s, color: ChartPalette.ink, on: &image)
        }
        if !yLabel.isEmpty {
            let text = truncateText(yLabel, toWidth: plotHeight, scale: s)
            let size = measureText(text, scale: s, direction: .upward)
            drawText(text, x: margin, y: top + (plotHeight - size.height) / 2, scale: s,
                     color: ChartPalette.ink, direction: .upward, on: &image)
        }
        legend.draw(x: width - margin - legendWidth, y: top, width: legendWidth, on: &image)
        return image
    }

    private func positions(_ item: ChartSeries, in frame: PlotFrame) -> [(x: Double, y: Double)?] {
        item.points.map { point in
            guard point.x.isFinite, point.y.isFinite else { return nil }
            return (frame.px(point.x), frame.py(point.y))
        }
    }

    private func layer(_ frame: PlotFrame) -> CoverageLayer {
        CoverageLayer(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
    }

    private func drawLine(_ item: ChartSeries, color: RGBColor, in frame: PlotFrame, on image: inout RGBImage) {
        guard item.style != .points else { return }
        let points = positions(item, in: frame)
        if item.emphasized {
            var halo = layer(frame)
            for (a, b) in zip(points, points.dropFirst()) {
                if let a, let b { halo.stroke(from: a, to: b, width: item.lineWidth + 4) }
            }
            halo.composite(.white, onto: &image)
        }
        var line = layer(frame)
        for (a, b) in zip(points, points.dropFirst()) {
            if let a, let b { line.stroke(from: a, to: b, width: item.lineWidth) }
        }
        line.composite(color, onto: &image)
    }

    private func drawMarkers(_ item: ChartSeries, color: RGBColor, marker: MarkerShape, in frame: PlotFrame,
                             on image: inout RGBImage) {
        guard item.style != .line else { return }
        var shapes = layer(frame)
        for case let p? in positions(item, in: frame) {
            if item.emphasized {
                shapes.ring(marker, x: p.x, y: p.y, radius: item.markerRadius, thickness: 2)
            } else {
                shapes.marker(marker, x: p.x, y: p.y, radius: item.markerRadius)
            }
        }
        shapes.composite(color, onto: &image)
    }

    private func drawPointLabels(_ item: ChartSeries, in frame: PlotFrame, scale: Int, on image: inout RGBImage) {
        guard let labels = item.pointLabels else { return }
        let labelScale = max(1, scale - 1)
        for (position, label) in zip(positions(item, in: frame), labels) where !label.isEmpty {
            guard let position else { continue }
            let size = measureText(label, scale: labelScale)
            let offset = item.markerRadius + (item.emphasized ? 3 : 1)
            var x = Int(position.x + offset)
            if x + size.width > frame.x + frame.width - 2 { x = Int(position.x - offset) - size.width }
            let y = Int(position.y - offset) - size.height + 2
            drawText(label, x: x, y: max(y, frame.y + 2), scale: labelScale, color: ChartPalette.ink,
                     background: .white, on: &image)
        }
    }
}
