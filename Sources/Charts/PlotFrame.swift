import ImageIO

/// The rectangle data is drawn in, with the mapping from data values to pixel positions.
/// Data ranges map to the frame shrunk by `inset` so that markers at the range ends stay visible.
struct PlotFrame {
    let x: Int
    let y: Int
    let width: Int
    let height: Int
    let xRange: ClosedRange<Double>
    let yRange: ClosedRange<Double>
    let inset: Double

    /// Horizontal pixel position of data value `value`.
    func px(_ value: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        let t = span > 0 ? (value - xRange.lowerBound) / span : 0.5
        return Double(x) + inset + t * (Double(width) - 2 * inset)
    }

    /// Vertical pixel position of data value `value` (larger values higher up).
    func py(_ value: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        let t = span > 0 ? (value - yRange.lowerBound) / span : 0.5
        return Double(y + height) - inset - t * (Double(height) - 2 * inset)
    }

    /// Draws grid lines at the ticks (either axis may have none), the frame, tick marks and tick labels.
    func drawAxes(xTicks: Ticks?, yTicks: Ticks?, scale: Int, on image: inout RGBImage,
                  xDecimals: Int? = nil, yDecimals: Int? = nil) {
        let tickLength = 3 * scale
        if let xTicks {
            for value in xTicks.values {
                let column = Int(px(value))
                image.fillRect(x: column, y: y + 1, width: 1, height: height - 2, color: ChartPalette.grid)
            }
        }
        if let yTicks {
            for value in yTicks.values {
                let row = Int(py(value))
                image.fillRect(x: x + 1, y: row, width: width - 2, height: 1, color: ChartPalette.grid)
            }
        }
        image.strokeRect(x: x, y: y, width: width, height: height, color: ChartPalette.frame)
        if let xTicks {
            let decimals = xDecimals ?? xTicks.decimals
            for value in xTicks.values {
                let column = Int(px(value))
                image.fillRect(x: column, y: y + height, width: 1, height: tickLength, color: ChartPalette.frame)
                let label = formatNumber(value, decimals: decimals)
                let size = measureText(label, scale: scale)
                drawText(label, x: column - size.width / 2, y: y + height + tickLength + 2 * scale,
                         scale: scale, color: ChartPalette.ink, on: &image)
            }
        }
        if let yTicks {
            let decimals = yDecimals ?? yTicks.decimals
            for value in yTicks.values {
                let row = Int(py(value))
                image.fillRect(x: x - tickLength, y: row, width: tickLength, height: 1, color: ChartPalette.frame)
                let label = formatNumber(value, decimals: decimals)
                let size = measureText(label, scale: scale)
                drawText(label, x: x - tickLength - 2 * scale - size.width, y: row - (7 * scale) / 2,
                         scale: scale, color: ChartPalette.ink, on: &image)
            }
        }
    }
}

/// The font scale for chart text: 2 for charts of about 560 × 340 pixels or more, else 1.
func automaticTextScale(width: Int, height: Int) -> Int {
    width >= 560 && height >= 340 ? 2 : 1
}

/// Widest label among `values` printed with `decimals`, in pixels.
func widestLabel(_ values: [Double], decimals: Int, scale: Int) -> Int {
    values.map { measureText(formatNumber($0, decimals: decimals), scale: scale).width }.max() ?? 0
}

/// Ticks for `data` along an axis `length` pixels long, with labels at least `gap` pixels apart
/// (measured with `labelSize`, which gives a label's extent along the axis).
func fittedTicks(data: ClosedRange<Double>, length: Int, fixed: Bool, integers: Bool, preferredSpacing: Int,
                 labelSize: (Ticks) -> Int, gap: Int) -> Ticks {
    var target = max(2, length / max(preferredSpacing, 1))
    while true {
        let ticks = Ticks(data: data, target: target, fixed: fixed, integers: integers)
        let spacing = Double(length) / Double(max(ticks.values.count, 1))
        if target <= 2 || Double(labelSize(ticks) + gap) <= spacing { return ticks }
        target -= 1
    }
}

/// Draws the chart title centred at the top, one scale larger than the other text; returns its height
/// plus padding (0 for an empty title).
@discardableResult
func drawTitle(_ title: String, width: Int, top: Int, scale: Int, on image: inout RGBImage) -> Int {
    guard !title.isEmpty else { return 0 }
    let titleScale = scale + 1
    let text = truncateText(title, toWidth: width - 8, scale: titleScale)
    let size = measureText(text, scale: titleScale)
    drawText(text, x: (width - size.width) / 2, y: top, scale: titleScale, color: ChartPalette.ink, on: &image)
    return size.height + 4 * scale
}
