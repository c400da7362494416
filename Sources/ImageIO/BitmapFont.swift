/// The built-in 5×7 bitmap font (cap height 7 pixels, plus 2 rows for descenders), used for labels,
/// captions and chart text. Each character occupies a 6-pixel advance (5 ink + 1 gap) and 9 rows.
public enum BitmapFont {
    /// Width of a glyph's ink, in unscaled pixels.
    public static let glyphWidth = 5
    /// Horizontal advance from one character to the next, in unscaled pixels.
    public static let advance = 6
    /// Height of a text line (cap height 7 + descender 2), in unscaled pixels.
    public static let lineHeight = 9
    /// Vertical distance between the tops of consecutive lines, in unscaled pixels.
    public static let lineSpacing = 11

    /// Whether the font has a glyph for `character` (otherwise it is drawn as a small box).
    public static func hasGlyph(_ character: Character) -> Bool {
        glyphs[character] != nil
    }

    /// The 9 rows of a character's glyph; bit 4 of each row is the leftmost pixel.
    static func rows(for character: Character) -> [UInt8] {
        glyphs[character] ?? unknownGlyph
    }

    static let unknownGlyph: [UInt8] = parse([
        ".....", ".....", "####.", "#..#.", "#..#.", "#..#.", "####.",
    ])

    static let glyphs: [Character: [UInt8]] = {
        var table: [Character: [UInt8]] = [:]
        for (character, art) in glyphArt {
            table[character] = parse(art)
        }
        return table
    }()

    /// Turns 7 or 9 rows of "#"/"." art into 9 bit rows.
    static func parse(_ art: [String]) -> [UInt8] {
        precondition(art.count == 7 || art.count == 9, "BitmapFont: glyph needs 7 or 9 rows")
        var rows: [UInt8] = art.map { line in
            precondition(line.count == 5, "BitmapFont: glyph row '\(line)' is not 5 wide")
            return line.reduce(UInt8(0)) { ($0 << 1) | ($1 == "#" ? 1 : 0) }
        }
        while rows.count < 9 { rows.append(0) }
        return rows
    }
}
