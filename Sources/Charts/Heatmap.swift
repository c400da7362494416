import ImageIO

/// How heatmap values map to colours.
public enum HeatmapColorScale: Sendable {
    /// White for the low end to dark blue for the high end (counts, overlaps, probabilities).
    case sequential
    /// Blue for negative, white at zero, red for positive, symmetric around 0 (correlations).
    case diverging
}

/// A matrix drawn as coloured cells with row and column labels, each cell's value printed
/// in it, and a colour bar (confusion matrices, attribute correlations, channel-set overlaps).
public struct Heatmap: Sendable {
    /// Text centred above the plot.
    public var title: String
    /// The values, `matrix[row][column]`; rows may not be ragged.
    public var matrix: [[Double]]
    /// One label per row, drawn on the left.
    public var rowLabels: [String]
    /// One label per column, drawn above (turned upward when too wide for a cell).
    public var columnLabels: [String]
    /// Title of the rows (e.g. "true class"), drawn running upward on the far left.
    public var rowAxisTitle: String
    /// Title of the columns (e.g. "predicted class"), drawn above the column labels.
    public var columnAxisTitle: String
    /// Colour mapping.
    public var colorScale: HeatmapColorScale
    /// Value range mapped to the ends of the colour scale; nil uses the data (for `.diverging`,
    /// ±the largest magnitude).
    public var valueRange: ClosedRange<Double>?
    /// Decimals of printed values; nil prints whole numbers as such and others with 2 decimals.
    public var valueDecimals: Int?
    /// Whether values are printed in the cells (when they fit).
    public var showValues: Bool
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Font scale; nil picks 2 for images of about 560 × 340 or larger, else 1.
    public var textScale: Int?
    /// Image background.
    public var background: RGBColor

    /// A heatmap with the given content; sequential colours and 800 × 500 by default.
    public init(title: String = "", matrix: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                rowAxisTitle: String = "", columnAxisTitle: String = "",
                colorScale: HeatmapColorScale = .sequential, valueRange: ClosedRange<Double>? = nil,
                valueDecimals: Int? = nil, showValues: Bool = true, width: Int = 800, height: Int = 500,
                textScale: Int? = nil, background: RGBColor = .white) {
        self.title = title
        self.matrix = matrix
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.rowAxisTitle = rowAxisTitle
        self.columnAxisTitle = columnAxisTitle
        self.colorScale = colorScale
        self.valueRange = valueRange
        self.valueDecimals = valueDecimals
        self.showValues = showValues
        self.width = width
        self.height = height
        self.textScale = textScale
        self.background = background
    }

    /// Draws the heatmap as an image of exactly `width` × `height` pixels.
    public func render() -> RGBImage {
        precondition(width > 0 && height > 0, "Heatmap: size must be positive")
        var image = RGBImage(width: width, height: height, fill: background)
        let s = max(1, textScale ?? automaticTextScale(width: width, height: height))
        let margin = 6 * s
        let top = margin + drawTitle(title, width: width, top: margin, scale: s, on: &image) + 2 * s
        guard let geometry = layout(scale: s, margin: margin, top: top) else { return image }
        drawCells(geometry, on: &image)
        drawLabels(geometry, on: &image)
        drawColorBar(geometry, on: &image)
        return image
    }

    /// Where everything goes: nil when the matrix is empty. Horizontally, the row axis title, row labels,
    /// cells and the colour bar with its labels; vertically, the column axis title and column labels
    /// (horizontal if they fit a cell, else upward). Cells may be up to 1.5 times wider than tall, which leaves
    /// room for printed values; the whole block is centred.
    private func layout(scale s: Int, margin: Int, top: Int) -> HeatmapGeometry? {
        let rows = matrix.count
        let columns = matrix.map(\.count).max() ?? 0
        let finite = matrix.flatMap { $0 }.filter(\.isFinite)
        let range = colorRange(finite)
        let decimals = valueDecimals ?? (finite.allSatisfy { $0 == $0.rounded() } ? 0 : 2)
        guard rows > 0, columns > 0 else { return nil }

        let rowTitleWidth = rowAxisTitle.isEmpty ? 0 : 9 * s + 4 * s
        let rowLabelWidth = min(rowLabels.prefix(rows).map { measureText($0, scale: s).width }.max() ?? 0, width / 4)
        let rowLabelGap = rowLabelWidth > 0 ? 4 * s : 0
        var barLabels = [range.lowerBound, range.upperBound].map { formatNumber($0, decimals: max(decimals, 0)) }
        if colorScale == .diverging { barLabels.append(formatNumber(0, decimals: max(decimals, 0))) }
        let colorBarWidth = 12 * s + 3 * s + (barLabels.map { measureText($0, scale: s).width }.max() ?? 0)
        let colorBarGap = 8 * s
        let availableWidth = max(width - 2 * margin - rowTitleWidth - rowLabelWidth - rowLabelGap
                                 - colorBarGap - colorBarWidth, columns)

        let columnTitleHeight = columnAxisTitle.isEmpty ? 0 : 9 * s + 4 * s
        let columnWidths = columnLabels.prefix(columns).map { measureText($0, scale: s).width }
        func cellSize(labelBand: Int) -> (width: Int, height: Int) {
            let availableHeight = max(height - margin - top - columnTitleHeight - labelBand, rows)
            let cellHeight = max(1, min(availableHeight / rows, availableWidth / columns))
            return (max(1, min(availableWidth / columns, cellHeight * 3 / 2)), cellHeight)
        }
        let horizontalBand = columnLabels.isEmpty ? 0 : 9 * s + 4 * s
        var cell = cellSize(labelBand: horizontalBand)
        let upward = (columnWidths.max() ?? 0) > cell.width - 2 * s
        var columnLabelHeight = horizontalBand
        if upward {
            columnLabelHeight = min(columnWidths.max() ?? 0, height / 4) + 4 * s
            cell = cellSize(labelBand: columnLabelHeight)
        }
        let blockWidth = rowTitleWidth + rowLabelWidth + rowLabelGap + cell.width * columns + colorBarGap + colorBarWidth
        let blockLeft = max(margin, (width - blockWidth) / 2)
        return HeatmapGeometry(scale: s, margin: margin, top: top, rows: rows, columns: columns, finite: finite,
                               range: range, decimals: decimals, rowLabelWidth: rowLabelWidth, rowLabelGap: rowLabelGap,
                               barLabels: barLabels, colorBarGap: colorBarGap, cellWidth: cell.width, cellHeight: cell.height,
                               upward: upward, columnLabelHeight: columnLabelHeight, blockLeft: blockLeft,
                               cellsLeft: blockLeft + rowTitleWidth + rowLabelWidth + rowLabelGap,
                               cellsTop: top + columnTitleHeight + columnLabelHeight)
    }

    /// The cells, their printed values, and thin separators that keep equal neighbouring cells apart.
    private func drawCells(_ g: HeatmapGeometry, on image: inout RGBImage) {
        let valueScale = (1...max(g.scale, 1)).reversed().first { scale in
            let widest = g.finite.map { measureText(formatNumber($0, decimals: g.decimals), scale: scale).width }.max() ?? 0
            return widest <= g.cellWidth - 3 * scale - 2 && 7 * scale <= g.cellHeight - 4
        }
        for (r, row) in matrix.enumerated() {
            for c in 0..<g.columns {
                let value = c < row.count ? row[c] : .nan
                let fill = value.isFinite ? color(for: value, in: g.range) : RGBColor(hex: 0xBBBBBB)
                let x = g.cellsLeft + c * g.cellWidth, y = g.cellsTop + r * g.cellHeight
                image.fillRect(x: x, y: y, width: g.cellWidth, height: g.cellHeight, color: fill)
                if showValues, let valueScale, value.isFinite {
                    let text = formatNumber(value, decimals: g.decimals)
                    let size = measureText(text, scale: valueScale)
                    drawText(text, x: x + (g.cellWidth - size.width + 1) / 2,
                             y: y + (g.cellHeight - 7 * valueScale + 1) / 2, scale: valueScale,
                             color: fill.contrastingText, on: &image)
                }
            }
        }
        if g.cellWidth >= 12 && g.cellHeight >= 12 {
            for c in 1..<max(g.columns, 1) {
                image.fillRect(x: g.cellsLeft + c * g.cellWidth, y: g.cellsTop, width: 1, height: g.gridHeight, color: background)
            }
            for r in 1..<max(g.rows, 1) {
                image.fillRect(x: g.cellsLeft, y: g.cellsTop + r * g.cellHeight, width: g.gridWidth, height: 1, color: background)
            }
        }
    }

    /// Row and column labels and the two axis titles.
    private func drawLabels(_ g: HeatmapGeometry, on image: inout RGBImage) {
        let s = g.scale
        let labelScale = fittingScale(slot: Double(min(g.cellWidth, g.cellHeight)), preferred: s)
        for (r, label) in rowLabels.prefix(g.rows).enumerated() {
            let text = truncateText(label, toWidth: g.rowLabelWidth, scale: labelScale)
            let size = measureText(text, scale: labelScale)
            drawText(text, x: g.cellsLeft - g.rowLabelGap - size.width,
                     y: g.cellsTop + r * g.cellHeight + (g.cellHeight - 7 * labelScale) / 2,
                     scale: labelScale, color: ChartPalette.ink, on: &image)
        }
        for (c, label) in columnLabels.prefix(g.columns).enumerated() {
            let x = g.cellsLeft + c * g.cellWidth
            if g.upward {
                let text = truncateText(label, toWidth: g.columnLabelHeight - 4 * s, scale: labelScale)
                let size = measureText(text, scale: labelScale, direction: .upward)
                drawText(text, x: x + (g.cellWidth - 7 * labelScale) / 2, y: g.cellsTop - 4 * s - size.height,
                         scale: labelScale, color: ChartPalette.ink, direction: .upward, on: &image)
            } else {
                let size = measureText(label, scale: s)
                drawText(label, x: x + (g.cellWidth - size.width) / 2, y: g.cellsTop - 4 * s - 7 * s,
                         scale: s, color: ChartPalette.ink, on: &image)
            }
        }
        if !columnAxisTitle.isEmpty {
            let text = truncateText(columnAxisTitle, toWidth: width - 2 * g.margin, scale: s)
            let size = measureText(text, scale: s)
            let centre = g.cellsLeft + g.gridWidth / 2
            drawText(text, x: min(max(centre - size.width / 2, g.margin), width - g.margin - size.width), y: g.top,
                     scale: s, color: ChartPalette.ink, on: &image)
        }
        if !rowAxisTitle.isEmpty {
            let text = truncateText(rowAxisTitle, toWidth: height - g.cellsTop - g.margin, scale: s)
            let size = measureText(text, scale: s, direction: .upward)
            drawText(text, x: g.blockLeft, y: g.cellsTop + max((g.gridHeight - size.height) / 2, 0), scale: s,
                     color: ChartPalette.ink, direction: .upward, on: &image)
        }
    }

    /// The colour bar beside the cells, high end at the top, with its end (and, diverging, middle) values.
    private func drawColorBar(_ g: HeatmapGeometry, on image: inout RGBImage) {
        let s = g.scale
        let barX = g.cellsLeft + g.gridWidth + g.colorBarGap
        let barWidth = 12 * s
        for i in 0..<g.gridHeight {
            let t = g.gridHeight > 1 ? 1 - Double(i) / Double(g.gridHeight - 1) : 1
            let value = g.range.lowerBound + t * (g.range.upperBound - g.range.lowerBound)
            image.fillRect(x: barX, y: g.cellsTop + i, width: barWidth, height: 1, color: color(for: value, in: g.range))
        }
        image.strokeRect(x: barX, y: g.cellsTop, width: barWidth, height: g.gridHeight, color: ChartPalette.frame)
        drawText(g.barLabels[1], x: barX + barWidth + 3 * s, y: g.cellsTop, scale: s, color: ChartPalette.ink, on: &image)
        drawText(g.barLabels[0], x: barX + barWidth + 3 * s, y: g.cellsTop + g.gridHeight - 7 * s, scale: s,
                 color: ChartPalette.ink, on: &image)
        if g.barLabels.count > 2 {
            drawText(g.barLabels[2], x: barX + barWidth + 3 * s, y: g.cellsTop + (g.gridHeight - 7 * s) / 2, scale: s,
                     color: ChartPalette.ink, on: &image)
        }
    }

    private func colorRange(_ finite: [Double]) -> ClosedRange<Double> {
        if let valueRange, valueRange.upperBound > valueRange.lowerBound { return valueRange }
        switch colorScale {
        case .sequential:
            let low = min(finite.min() ?? 0, 0), high = finite.max() ?? 1
            return high > low ? low...high : low...(low + 1)
        case .diverging:
            let largest = finite.map(abs).max() ?? 1
            return largest > 0 ? -largest...largest : -1...1
        }
    }

    private func color(for value: Double, in range: ClosedRange<Double>) -> RGBColor {
        let t = (value - range.lowerBound) / (range.upperBound - range.lowerBound)
        switch colorScale {
        case .sequential:
            return interpolate(t, stops: [RGBColor(hex: 0xF7FBFF), RGBColor(hex: 0x6BAED6), RGBColor(hex: 0x08306B)])
        case .diverging:
            return interpolate(t, stops: [RGBColor(hex: 0x2166AC), RGBColor(hex: 0xF7F7F7), RGBColor(hex: 0xB2182B)])
        }
    }
}

/// The colour at position t (clamped to 0...1) along evenly spaced colour stops.
func interpolate(_ t: Double, stops: [RGBColor]) -> RGBColor {
    let clamped = t.isNaN ? 0 : min(max(t, 0), 1)
    let position = clamped * Double(stops.count - 1)
    let index = min(Int(position), stops.count - 2)
    return stops[index].mixed(with: stops[index + 1], fraction: position - Double(index))
}

/// A heatmap's layout, as `Heatmap.layout` computes it for the drawing steps.
private struct HeatmapGeometry {
    let scale: Int
    let margin: Int
    let top: Int
    let rows: Int
    let columns: Int
    let finite: [Double]
    let range: ClosedRange<Double>
    let decimals: Int
    let rowLabelWidth: Int
    let rowLabelGap: Int
    let barLabels: [String]
    let colorBarGap: Int
    let cellWidth: Int
    let cellHeight: Int
    let upward: Bool
    let columnLabelHeight: Int
    let blockLeft: Int
    let cellsLeft: Int
    let cellsTop: Int

    var gridWidth: Int { cellWidth * columns }
    var gridHeight: Int { cellHeight * rows }
}
