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

    /// Adds the outline of a marker of the given shape, drawn just outside a marker of half-size `radius`
    /// (so that a filled marker underneath stays visible).
    mutating func ring(_ shape: MarkerShape, x: Double, y: Double, radius r: Double, thickness t: Double) {
        let inner = r + 0.5, outer = r + 0.5 + t
        switch shape {
        case .circle:
            fill(centerX: x, centerY: y, radius: outer) { dx, dy in
                let d = dx * dx + dy * dy
                return d <= outer * outer && d > inner * inner
            }
        case .square:
            fill(centerX: x, centerY: y, radius: outer) { dx, dy in
                max(abs(dx), abs(dy)) <= outer * 0.85 && max(abs(dx), abs(dy)) > inner * 0.85
            }
        case .diamond:
            fill(centerX: x, centerY: y, radius: outer * 1.2) { dx, dy in
                abs(dx) + abs(dy) <= outer * 1.2 && abs(dx) + abs(dy) > inner * 1.2
            }
        case .triangle:
            fill(centerX: x, centerY: y, radius: outer * 1.2) { dx, dy in
                func inside(_ h: Double) -> Bool { dy <= 0.7 * h && dy >= -h && abs(dx) <= (dy + h) * 0.6 }
                return inside(outer * 1.2) && !inside(inner * 1.2)
            }
        }
    }
}
