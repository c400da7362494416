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
                        lineWidth: $0.item.lineWidth, markerRadius: $0.item.markerRadius)
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

        // Series: plain ones first, emphasised ones on top.
        let drawOrder = styled.filter { !$0.item.emphasized } + styled.filter { $0.item.emphasized }
        for entry in drawOrder {
            draw(entry.item, color: entry.color, marker: entry.marker, in: frame, scale: s, on: &image)
        }

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

    private func draw(_ item: ChartSeries, color: RGBColor, marker: MarkerShape, in frame: PlotFrame,
                      scale: Int, on image: inout RGBImage) {
        let positions = item.points.map { point -> (x: Double, y: Double)? in
            guard point.x.isFinite, point.y.isFinite else { return nil }
            return (frame.px(point.x), frame.py(point.y))
        }
        if item.style != .points {
            var layer = CoverageLayer(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
            for (a, b) in zip(positions, positions.dropFirst()) {
                if let a, let b { layer.stroke(from: a, to: b, width: item.lineWidth) }
            }
            if item.emphasized {
                // A white halo keeps an emphasised line readable over crowded points.
                var halo = CoverageLayer(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
                for (a, b) in zip(positions, positions.dropFirst()) {
                    if let a, let b { halo.stroke(from: a, to: b, width: item.lineWidth + 3) }
                }
                halo.composite(.white, onto: &image)
            }
            layer.composite(color, onto: &image)
        }
        if item.style != .line {
            if item.emphasized {
                var outline = CoverageLayer(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
                for case let p? in positions { outline.marker(marker, x: p.x, y: p.y, radius: item.markerRadius + 1.5) }
                outline.composite(.white, onto: &image)
            }
            var layer = CoverageLayer(x: frame.x + 1, y: frame.y + 1, width: frame.width - 2, height: frame.height - 2)
            for case let p? in positions { layer.marker(marker, x: p.x, y: p.y, radius: item.markerRadius) }
            layer.composite(color, onto: &image)
        }
        if let labels = item.pointLabels {
            let labelScale = max(1, scale - 1)
            for (position, label) in zip(positions, labels) where !label.isEmpty {
                guard let position else { continue }
                let size = measureText(label, scale: labelScale)
                var x = Int(position.x + item.markerRadius + 2)
                if x + size.width > frame.x + frame.width - 2 { x = Int(position.x - item.markerRadius - 2) - size.width }
                let y = Int(position.y - item.markerRadius) - size.height + 2
                drawText(label, x: x, y: max(y, frame.y + 2), scale: labelScale, color: ChartPalette.ink, on: &image)
            }
        }
    }
}
