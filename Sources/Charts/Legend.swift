import ImageIO

/// One legend entry: a sample of the series' line and/or marker, then its name.
struct LegendEntry {
    let name: String
    let color: RGBColor
    let style: SeriesStyle
    let marker: MarkerShape
    let lineWidth: Double
    let markerRadius: Double
    let emphasized: Bool
}

/// The size and drawing of a vertical legend box.
struct Legend {
    let entries: [LegendEntry]
    let scale: Int

    var swatchWidth: Int { 14 * scale }
    var rowHeight: Int { 12 * scale }
    var padding: Int { 4 * scale }

    /// Width of the box, with names shortened to fit `maxWidth` overall.
    func width(maxWidth: Int) -> Int {
        guard !entries.isEmpty else { return 0 }
        let names = entries.map { measureText($0.name, scale: scale).width }.max() ?? 0
        return min(2 * padding + swatchWidth + 3 * scale + names, maxWidth)
    }

    /// Height of the box.
    var height: Int { entries.isEmpty ? 0 : 2 * padding + entries.count * rowHeight - 3 * scale }

    /// Draws the box with its top-left corner at (x, y) and the given width.
    func draw(x: Int, y: Int, width: Int, on image: inout RGBImage) {
        guard !entries.isEmpty else { return }
        image.fillRect(x: x, y: y, width: width, height: height, color: .white)
        image.strokeRect(x: x, y: y, width: width, height: height, color: ChartPalette.grid)
        let nameWidth = width - 2 * padding - swatchWidth - 3 * scale
        for (row, entry) in entries.enumerated() {
            let top = y + padding + row * rowHeight
            let middle = Double(top) + Double(7 * scale) / 2
            var layer = CoverageLayer(x: x + padding, y: top - scale, width: swatchWidth + 1, height: rowHeight)
            let left = Double(x + padding) + 1, right = Double(x + padding + swatchWidth) - 1
            if entry.style != .points {
                layer.stroke(from: (left, middle), to: (right, middle), width: entry.lineWidth)
            }
            if entry.style != .line {
                let radius = min(entry.markerRadius, 5)
                if entry.emphasized {
                    layer.ring(entry.marker, x: (left + right) / 2, y: middle, radius: radius, thickness: 2)
                } else {
                    layer.marker(entry.marker, x: (left + right) / 2, y: middle, radius: radius)
                }
            }
            layer.composite(entry.color, onto: &image)
            let name = truncateText(entry.name, toWidth: nameWidth, scale: scale)
            drawText(name, x: x + padding + swatchWidth + 3 * scale, y: top, scale: scale,
                     color: ChartPalette.ink, on: &image)
        }
    }
}
