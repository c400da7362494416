import ImageIO

/// Colours used for chart series and bars, in order.
public enum ChartPalette {
    /// Ten distinguishable colours (the "Tableau 10" set); series i uses `colors[i % 10]`.
    public static let colors: [RGBColor] = [
        RGBColor(hex: 0x1F77B4), RGBColor(hex: 0xFF7F0E), RGBColor(hex: 0x2CA02C), RGBColor(hex: 0xD62728),
        RGBColor(hex: 0x9467BD), RGBColor(hex: 0x8C564B), RGBColor(hex: 0xE377C2), RGBColor(hex: 0x7F7F7F),
        RGBColor(hex: 0xBCBD22), RGBColor(hex: 0x17BECF),
    ]

    /// Colour of axes, tick labels and titles.
    static let ink = RGBColor(hex: 0x202020)
    /// Colour of grid lines.
    static let grid = RGBColor(hex: 0xE4E4E4)
    /// Colour of the plot frame.
    static let frame = RGBColor(hex: 0x808080)
}
