import ImageIO

extension CoverageLayer {
    /// Adds a marker of the given shape and half-size centred on (x, y).
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, radius r: Double) {
        switch shape {
        case .circle:
            fill(centerX: x, centerY: y, radius: r) { dx, dy in dx * dx + dy * dy <= r * r }
        case .square:
            let h = r * 0.85
            fill(centerX: x, centerY: y, radius: r) { dx, dy in abs(dx) <= h && abs(dy) <= h }
        case .diamond:
            let h = r * 1.2
            fill(centerX: x, centerY: y, radius: h) { dx, dy in abs(dx) + abs(dy) <= h }
        case .triangle:
            let h = r * 1.2
            // Apex at (0, -h), base at y = +0.7h.
            fill(centerX: x, centerY: y, radius: h) { dx, dy in
                dy <= 0.7 * h && dy >= -h && abs(dx) <= (dy + h) * 0.6
            }
        }
    }
}
