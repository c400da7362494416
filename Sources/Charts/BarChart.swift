import Foundation
import ImageIO

/// Which way bars run.
public enum BarOrientation: Sendable {
    /// Bars grow rightward from labels on the left (good for many or long labels).
    case horizontal
    /// Bars grow upward from labels underneath.
    case vertical
}

/// A bar chart of labelled values with a value axis, grid and the value printed at each bar's end
/// (saliency of top channels; class counts).
public struct BarChart: Sendable {
    /// Text centred above the plot.
    public var title: String
    /// One label per bar.
    public var labels: [String]
    /// One value per bar (bars start at 0; negative values extend the other way).
    public var values: [Double]
    /// Title of the value axis.
    public var valueLabel: String
    /// Bar direction.
    public var orientation: BarOrientation
    /// Colour of every bar, unless `barColors` is given.
    public var color: RGBColor
    /// Per-bar colours (index-aligned with `values`, cycling if shorter).
    public var barColors: [RGBColor]?
    /// Whether to print each value at its bar's end.
    public var showValues: Bool
    /// Decimals of printed values; nil picks enough for about 3 significant digits (0 for whole numbers).
    public var valueDecimals: Int?
    /// Image width in pixels.
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// Font scale; nil picks 2 for images of about 560 × 340 or larger, else 1.
    public var textScale: Int?
    /// Image background.
    public var background: RGBColor

    /// A bar chart with the given content; horizontal and 800 × 500 by default.
    public init(title: String = "", labels: [String], values: [Double], valueLabel: String = "",
                orientation: BarOrientation = .horizontal, color: RGBColor = ChartPalette.colors[0],
                barColors: [RGBColor]? = nil, showValues: Bool = true, valueDecimals: Int? = nil,
                width: Int = 800, height: Int = 500, textScale: Int? = nil, background: RGBColor = .white) {
        self.title = title
        self.labels = labels
        self.values = values
        self.valueLabel = valueLabel
        self.orientation = orientation
        self.color = color
        self.barColors = barColors
        self.showValues = showValues
        self.valueDecimals = valueDecimals
        self.width = width
        self.height = height
        self.textScale = textScale
        self.background = background
    }

    /// Draws the chart as an image of exactly `width` × `height` pixels.
    public func render() -> RGBImage {
        precondition(width > 0 && height > 0, "BarChart: size must be positive")
        var image = RGBImage(width: width, height: height, fill: background)
        let s = max(1, textScale ?? automaticTextScale(width: width, height: height))
        let margin = 6 * s
        let finite = values.filter(\.isFinite)
        let decimals = valueDecimals ?? automaticDecimals(finite)
        let layout = BarLayout(
            scale: s, margin: margin, low: min(0, finite.min() ?? 0), high: max(0, finite.max() ?? 1),
            valueTexts: values.map { formatNumber($0, decimals: decimals) },
            top: margin + drawTitle(title, width: width, top: margin, scale: s, on: &image) + 4 * s,
            axisTitleHeight: valueLabel.isEmpty ? 0 : 9 * s + 4 * s, tickLabelHeight: 7 * s + 5 * s)
        switch orientation {
        case .horizontal: drawHorizontal(layout, on: &image)
        case .vertical: drawVertical(layout, on: &image)
        }
        return image
    }

    /// Bars growing rightward from labels on the left, the value axis underneath.
    private func drawHorizontal(_ layout: BarLayout, on image: inout RGBImage) {
        let (s, margin, top, low) = (layout.scale, layout.margin, layout.top, layout.low)
        let bottom = height - margin - layout.axisTitleHeight - layout.tickLabelHeight
        let plotHeight = max(bottom - top, 10)
        let slot = Double(plotHeight) / Double(max(values.count, 1))
        let labelScale = fittingScale(slot: slot, preferred: s)
        let labelWidth = min(labels.map { measureText($0, scale: labelScale).width }.max() ?? 0, width * 35 / 100)
        let valueWidth = showValues ? (layout.valueTexts.map { measureText($0, scale: labelScale).width }.max() ?? 0) + 6 * s : 4 * s
        let left = margin + labelWidth + 4 * s
        let plotWidth = max(width - margin - 2 * s - left, 10)
        // The value axis leaves room at the bar ends for printed values.
        let usable = max(plotWidth - valueWidth * (low < 0 ? 2 : 1), 10)
        let ticks = fittedTicks(data: low...layout.high, length: usable, fixed: true, integers: false,
                                preferredSpacing: 60 * s,
                                labelSize: { widestLabel($0.values, decimals: $0.decimals, scale: s) }, gap: 8 * s)
        let frame = PlotFrame(x: left, y: top, width: plotWidth, height: plotHeight,
                              xRange: valueAxisRange(ticks, usable: usable, room: valueWidth, low: low),
                              yRange: 0...1, inset: 0)
        frame.drawAxes(xTicks: ticks, yTicks: nil, scale: s, on: &image)
        let zero = Int(frame.px(0).rounded())
        image.fillRect(x: zero, y: top, width: 1, height: plotHeight, color: ChartPalette.frame)
        let every = labelStride(slot: slot, scale: labelScale)
        // Keeps a text row inside the plot's vertical extent (thin bars near the ends would push it out).
        func textRow(_ y: Int) -> Int { min(max(y, top + 1), top + plotHeight - 7 * labelScale - 1) }
        for (i, value) in values.enumerated() {
            let (barY, thickness) = barPlacement(i, start: top, slot: slot)
            if value.isFinite {
                let end = Int(frame.px(value).rounded())
                let bar = barExtent(zero: zero, end: end, value: value)
                image.fillRect(x: bar.start, y: barY, width: bar.length, height: thickness, color: barColor(i))
                if showValues && i % every == 0 {
                    let size = measureText(layout.valueTexts[i], scale: labelScale)
                    let textX = value >= 0 ? end + 3 * s : end - 3 * s - size.width
                    drawText(layout.valueTexts[i], x: textX, y: textRow(barY + (thickness - 7 * labelScale) / 2),
                             scale: labelScale, color: ChartPalette.ink, on: &image)
                }
            }
            if i < labels.count && i % every == 0 {
                let text = truncateText(labels[i], toWidth: labelWidth, scale: labelScale)
                let size = measureText(text, scale: labelScale)
                drawText(text, x: left - 4 * s - size.width, y: textRow(barY + (thickness - 7 * labelScale) / 2),
                         scale: labelScale, color: ChartPalette.ink, on: &image)
            }
        }
        if !valueLabel.isEmpty {
            let text = truncateText(valueLabel, toWidth: plotWidth, scale: s)
            let size = measureText(text, scale: s)
            drawText(text, x: left + (plotWidth - size.width) / 2, y: height - margin - size.height,
                     scale: s, color: ChartPalette.ink, on: &image)
        }
    }

    /// Bars growing upward from labels underneath, the value axis on the left.
    private func drawVertical(_ layout: BarLayout, on image: inout RGBImage) {
        let (s, margin, top, low) = (layout.scale, layout.margin, layout.top, layout.low)
        let right = width - margin - 2 * s
        let axisTitleWidth = valueLabel.isEmpty ? 0 : 9 * s + 4 * s
        // Estimate the slot from a provisional left edge, then decide how labels fit.
        let provisionalLeft = margin + axisTitleWidth + 8 * s * 5
        let slot = Double(max(right - provisionalLeft, 10)) / Double(max(values.count, 1))
        let (labelScale, upward) = verticalLabelStyle(slot: slot, scale: s)
        let valueScale = layout.valueTexts.allSatisfy({ measureText($0, scale: s).width <= Int(slot) - 2 }) ? s : 1
        // Values are printed only if every one fits above its bar.
        let printValues = showValues && layout.valueTexts.allSatisfy { measureText($0, scale: 1).width <= Int(slot) }
        let longest = labels.map { measureText($0, scale: labelScale).width }.max() ?? 0
        let labelBand = upward ? min(longest, height * 30 / 100) : 9 * labelScale
        let bottom = height - margin - layout.axisTitleHeight - labelBand - 4 * s
        let valueHeight = printValues ? 9 * valueScale + 4 * s : 4 * s
        let plotHeight = max(bottom - top, 10)
        let usable = max(plotHeight - valueHeight * (low < 0 ? 2 : 1), 10)
        let ticks = fittedTicks(data: low...layout.high, length: usable, fixed: true, integers: false,
                                preferredSpacing: 32 * s, labelSize: { _ in 7 * s }, gap: 6 * s)
        let left = margin + axisTitleWidth + widestLabel(ticks.values, decimals: ticks.decimals, scale: s) + 5 * s
        let plotWidth = max(right - left, 10)
        let frame = PlotFrame(x: left, y: top, width: plotWidth, height: plotHeight, xRange: 0...1,
                              yRange: valueAxisRange(ticks, usable: usable, room: valueHeight, low: low), inset: 0)
        frame.drawAxes(xTicks: nil, yTicks: ticks, scale: s, on: &image)
        let zero = Int(frame.py(0).rounded())
        image.fillRect(x: left, y: zero, width: plotWidth, height: 1, color: ChartPalette.frame)
        let finalSlot = Double(plotWidth) / Double(max(values.count, 1))
        let every = upward ? labelStride(slot: finalSlot, scale: labelScale) : 1
        for (i, value) in values.enumerated() {
            let (barX, thickness) = barPlacement(i, start: left, slot: finalSlot)
            if value.isFinite {
                let end = Int(frame.py(value).rounded())
                let bar = barExtent(zero: zero, end: end, value: value)
                image.fillRect(x: barX, y: bar.start, width: thickness, height: bar.length, color: barColor(i))
                if printValues {
                    let text = truncateText(layout.valueTexts[i], toWidth: Int(finalSlot), scale: valueScale)
                    let size = measureText(text, scale: valueScale)
                    let textY = value >= 0 ? end - 2 * s - 7 * valueScale : end + 2 * s + 1
                    drawText(text, x: barX + (thickness - size.width) / 2, y: textY,
                             scale: valueScale, color: ChartPalette.ink, on: &image)
                }
            }
            if i < labels.count && i % every == 0 {
                let labelTop = top + plotHeight + 4 * s
                if upward {
                    let text = truncateText(labels[i], toWidth: labelBand, scale: labelScale)
                    let size = measureText(text, scale: labelScale, direction: .upward)
                    drawText(text, x: barX + (thickness - 7 * labelScale) / 2, y: labelTop + labelBand - size.height,
                             scale: labelScale, color: ChartPalette.ink, direction: .upward, on: &image)
                } else {
                    let size = measureText(labels[i], scale: labelScale)
                    drawText(labels[i], x: barX + (thickness - size.width) / 2, y: labelTop,
                             scale: labelScale, color: ChartPalette.ink, on: &image)
                }
            }
        }
        if !valueLabel.isEmpty {
            let text = truncateText(valueLabel, toWidth: plotHeight, scale: s)
            let size = measureText(text, scale: s, direction: .upward)
            drawText(text, x: margin, y: top + (plotHeight - size.height) / 2, scale: s,
                     color: ChartPalette.ink, direction: .upward, on: &image)
        }
    }

    /// The label style of a vertical chart, most readable first: horizontal at full scale, upward at full
    /// scale, horizontal at scale 1, upward at whatever scale fits the slot.
    private func verticalLabelStyle(slot: Double, scale s: Int) -> (scale: Int, upward: Bool) {
        func fitsHorizontally(_ scale: Int) -> Bool {
            labels.allSatisfy { measureText($0, scale: scale).width <= Int(slot) - 2 }
        }
        if fitsHorizontally(s) { return (s, false) }
        if Double(9 * s) <= slot { return (s, true) }
        if fitsHorizontally(1) { return (1, false) }
        return (fittingScale(slot: slot, preferred: s), true)
    }

    private func barColor(_ index: Int) -> RGBColor {
        guard let barColors, !barColors.isEmpty else { return color }
        return barColors[index % barColors.count]
    }
}

/// What both orientations of a bar chart share: the text scale, the margin, the value range (0 included),
/// the printed values, where the plot starts below the title, and the heights of the axis title and tick labels.
private struct BarLayout {
    let scale: Int
    let margin: Int
    let low: Double
    let high: Double
    let valueTexts: [String]
    let top: Int
    let axisTitleHeight: Int
    let tickLabelHeight: Int
}

/// The value axis' range: the ticks' range widened by `room` pixels (of the `usable` length) at the bars' ends,
/// at both ends when values go below 0, so that printed values fit.
private func valueAxisRange(_ ticks: Ticks, usable: Int, room: Int, low: Double) -> ClosedRange<Double> {
    let span = ticks.range.upperBound - ticks.range.lowerBound
    let pixelsPerUnit = Double(usable) / span
    let extraLow = low < 0 ? Double(room) / pixelsPerUnit : 0
    let extraHigh = Double(room) / pixelsPerUnit
    return (ticks.range.lowerBound - extraLow)...(ticks.range.upperBound + extraHigh)
}

/// Where bar `i` starts across its slot (slots of `slot` pixels from `start`) and how thick it is: 72% of the slot.
private func barPlacement(_ i: Int, start: Int, slot: Double) -> (offset: Int, thickness: Int) {
    let slotStart = Double(start) + Double(i) * slot
    let thickness = max(1, Int((slot * 0.72).rounded()))
    return (Int(slotStart + (slot - Double(thickness)) / 2), thickness)
}

/// The pixels a bar of `value` covers along the value axis, from the zero line at `zero` to its end at `end`.
private func barExtent(zero: Int, end: Int, value: Double) -> (start: Int, length: Int) {
    (min(zero, end), abs(end - zero) + (value == 0 ? 0 : 1))
}

/// The largest scale up to `preferred` whose 9-pixel line (with descenders) fits a bar slot (at least 1).
func fittingScale(slot: Double, preferred: Int) -> Int {
    var scale = preferred
    while scale > 1 && Double(9 * scale) > slot { scale -= 1 }
    return scale
}

/// Label every n-th bar so that labels of the given scale do not overlap.
func labelStride(slot: Double, scale: Int) -> Int {
    max(1, Int((Double(8 * scale + 1) / max(slot, 0.01)).rounded(.up)))
}

/// Decimals giving about 3 significant digits for the largest magnitude; 0 for whole numbers.
func automaticDecimals(_ values: [Double]) -> Int {
    if values.allSatisfy({ $0 == $0.rounded() }) { return 0 }
    let largest = values.map(abs).max() ?? 0
    guard largest > 0 else { return 2 }
    return min(max(0, 2 - Int(floor(log10(largest)))), 4)
}
