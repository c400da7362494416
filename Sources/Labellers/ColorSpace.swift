/// The luma of an RGB colour with Rec. 601 weights: 0.299 R + 0.587 G + 0.114 B.
public func luma(r: Double, g: Double, b: Double) -> Double {
    0.299 * r + 0.587 * g + 0.114 * b
}

/// Hue, saturation and value of an RGB colour with components in [0, 1], as Python's `colorsys.rgb_to_hsv`
/// gives them: h in [0, 1) (0 red, 1/3 green, 2/3 blue), s and v in [0, 1]; grey has h = s = 0.
public func hsv(r: Double, g: Double, b: Double) -> (h: Double, s: Double, v: Double) {
    let maxc = max(r, g, b), minc = min(r, g, b)
    let v = maxc
    if minc == maxc { return (0, 0, v) }
    let range = maxc - minc
    let s = range / maxc
    let rc = (maxc - r) / range, gc = (maxc - g) / range, bc = (maxc - b) / range
    let sector: Double
    if r == maxc {
        sector = bc - gc
    } else if g == maxc {
        sector = 2 + rc - bc
    } else {
        sector = 4 + gc - rc
    }
    let h = (sector / 6).truncatingRemainder(dividingBy: 1)
    return (h < 0 ? h + 1 : h, s, v)
}
