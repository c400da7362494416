import ImageIO

/// An anti-aliased drawing layer over a rectangle of an image: shapes add coverage (0...1, combined
/// by maximum, so overlapping pieces of one stroke do not darken), then `composite` blends one colour.
struct CoverageLayer {
    let originX: Int
    let originY: Int
    let width: Int
    let height: Int
    private var coverage: [Float]

    /// A layer over the image rectangle with top-left (x, y) and the given size.
    init(x: Int, y: Int, width: Int, height: Int) {
        originX = x
        originY = y
        self.width = max(width, 0)
        self.height = max(height, 0)
        coverage = [Float](repeating: 0, count: self.width * self.height)
    }

    /// Adds a straight stroke of the given width between two points (image coordinates, pixel centres
    /// at +0.5), with round ends.
    mutating func stroke(from a: (x: Double, y: Double), to b: (x: Double, y: Double), width lineWidth: Double) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        // Long segments are split so that each piece's bounding box stays small.
        let pieces = max(1, Int((length / 24).rounded(.up)))
        for p in 0..<pieces {
            let t0 = Double(p) / Double(pieces), t1 = Double(p + 1) / Double(pieces)
            strokePiece(from: (a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                        to: (a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), width: lineWidth)
        }
    }

    private mutating func strokePiece(from a: (Double, Double), to b: (Double, Double), width lineWidth: Double) {
        let half = lineWidth / 2
        let reach = half + 1
        let x0 = max(Int((min(a.0, b.0) - reach).rounded(.down)) - originX, 0)
        let x1 = min(Int((max(a.0, b.0) + reach).rounded(.up)) - originX, width - 1)
        let y0 = max(Int((min(a.1, b.1) - reach).rounded(.down)) - originY, 0)
        let y1 = min(Int((max(a.1, b.1) + reach).rounded(.up)) - originY, height - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        let dx = b.0 - a.0, dy = b.1 - a.1
        let lengthSquared = dx * dx + dy * dy
        for ly in y0...y1 {
            let py = Double(ly + originY) + 0.5
            for lx in x0...x1 {
                let px = Double(lx + originX) + 0.5
                var t = lengthSquared > 0 ? ((px - a.0) * dx + (py - a.1) * dy) / lengthSquared : 0
                t = min(max(t, 0), 1)
                let ex = px - (a.0 + t * dx), ey = py - (a.1 + t * dy)
                let distance = (ex * ex + ey * ey).squareRoot()
                let c = Float(min(max(half + 0.5 - distance, 0), 1))
                let i = ly * width + lx
                if c > coverage[i] { coverage[i] = c }
            }
        }
    }

    /// Adds a filled shape inside the box centred on (cx, cy) with half-size `radius`, sampled 4×4 per pixel.
    mutating func fill(centerX cx: Double, centerY cy: Double, radius: Double,
                       inside: (_ dx: Double, _ dy: Double) -> Bool) {
        guard cx.isFinite, cy.isFinite else { return }
        let x0 = max(Int((cx - radius - 1).rounded(.down)) - originX, 0)
        let x1 = min(Int((cx + radius + 1).rounded(.up)) - originX, width - 1)
        let y0 = max(Int((cy - radius - 1).rounded(.down)) - originY, 0)
        let y1 = min(Int((cy + radius + 1).rounded(.up)) - originY, height - 1)
        guard x0 <= x1, y0 <= y1 else { return }
        for ly in y0...y1 {
            for lx in x0...x1 {
                var hits = 0
                for sy in 0..<4 {
                    for sx in 0..<4 {
                        let px = Double(lx + originX) + (Double(sx) + 0.5) / 4
                        let py = Double(ly + originY) + (Double(sy) + 0.5) / 4
                        if inside(px - cx, py - cy) { hits += 1 }
                    }
                }
                let c = Float(hits) / 16
                let i = ly * width + lx
                if c > coverage[i] { coverage[i] = c }
            }
        }
    }

    /// Blends `color` into the image in proportion to the accumulated coverage.
    func composite(_ color: RGBColor, onto image: inout RGBImage) {
        for ly in 0..<height {
            for lx in 0..<width {
                let c = coverage[ly * width + lx]
                if c > 0 { image.blendPixel(x: lx + originX, y: ly + originY, color, opacity: Double(c)) }
            }
        }
    }
}
