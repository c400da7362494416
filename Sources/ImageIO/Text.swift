/// Which way a line of text runs.
public enum TextDirection: Sendable {
    /// Left to right (normal).
    case horizontal
    /// Bottom to top, glyphs turned 90° anticlockwise (for vertical axis titles and narrow columns).
    case upward
}

/// The size in pixels of the box `drawText` covers for `text` at `scale` (lines split at "\n").
/// Horizontal text is `characters * 6 * scale - scale` wide and `lines * 11 * scale - 2 * scale` tall;
/// upward text swaps the two. Empty text measures 0 × 0.
public func measureText(_ text: String, scale: Int = 1,
                        direction: TextDirection = .horizontal) -> (width: Int, height: Int) {
    let lines = textLines(text)
    let longest = lines.map(\.count).max() ?? 0
    guard longest > 0 else { return (0, 0) }
    let along = (longest * BitmapFont.advance - (BitmapFont.advance - BitmapFont.glyphWidth)) * scale
    let across = ((lines.count - 1) * BitmapFont.lineSpacing + BitmapFont.lineHeight) * scale
    return direction == .horizontal ? (along, across) : (across, along)
}

/// Draws `text` with the built-in bitmap font, its measured box's top-left corner at (x, y),
/// each font pixel becoming a `scale × scale` block. Characters without a glyph draw as a small box;
/// "\n" starts a new line. With a `background`, the whole measured box is filled first.
/// Pixels outside the image are skipped.
public func drawText(_ text: String, x: Int, y: Int, scale: Int = 1, color: RGBColor,
                     background: RGBColor? = nil, direction: TextDirection = .horizontal,
                     on image: inout RGBImage) {
    precondition(scale >= 1, "drawText: scale must be at least 1")
    let box = measureText(text, scale: scale, direction: direction)
    if let background {
        image.fillRect(x: x, y: y, width: box.width, height: box.height, color: background)
    }
    for (lineIndex, line) in textLines(text).enumerated() {
        for (index, character) in line.enumerated() {
            let rows = BitmapFont.rows(for: character)
            // Position of this glyph's top-left in "text space": u runs along the line, v down across it.
            let u0 = index * BitmapFont.advance
            let v0 = lineIndex * BitmapFont.lineSpacing
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFont.glyphWidth where bits & (0x10 >> UInt8(column)) != 0 {
                    let u = (u0 + column) * scale, v = (v0 + row) * scale
                    let px: Int, py: Int
                    switch direction {
                    case .horizontal:
                        px = x + u
                        py = y + v
                    case .upward:
                        px = x + v
                        py = y + box.height - u - scale
                    }
                    image.fillRect(x: px, y: py, width: scale, height: scale, color: color)
                }
            }
        }
    }
}

/// `text` shortened with a trailing ".." so that it measures at most `maxWidth` pixels at `scale`
/// (unchanged if it already fits; empty if not even ".." fits).
public func truncateText(_ text: String, toWidth maxWidth: Int, scale: Int = 1) -> String {
    if measureText(text, scale: scale).width <= maxWidth { return text }
    var characters = Array(text.prefix(while: { $0 != "\n" }))
    while !characters.isEmpty {
        characters.removeLast()
        let candidate = String(characters) + ".."
        if measureText(candidate, scale: scale).width <= maxWidth { return candidate }
    }
    return measureText("..", scale: scale).width <= maxWidth ? ".." : ""
}

private func textLines(_ text: String) -> [[Character]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
}
