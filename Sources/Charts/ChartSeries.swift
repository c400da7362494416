import ImageIO

/// A data point of a line or scatter chart.
public struct ChartPoint: Sendable, Equatable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double

    /// A point from its coordinates.
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// How a series is drawn.
public enum SeriesStyle: Sendable {
    /// Points joined by straight lines, no markers.
    case line
    /// Markers only (a scatter plot).
    case points
    /// Points joined by lines, with markers.
    case lineAndPoints
}

/// The shape of a series' point markers.
public enum MarkerShape: Sendable, CaseIterable {
    /// A disc.
    case circle
    /// A square.
    case square
    /// A square standing on a corner.
    case diamond
    /// A triangle pointing up.
    case triangle
}

/// A named sequence of points on a `LineChart`.
public struct ChartSeries: Sendable {
    /// Legend text; an empty name keeps the series out of the legend.
    public var name: String
    /// The points, drawn in order; non-finite points break the line.
    public var points: [ChartPoint]
    /// Lines, markers or both.
    public var style: SeriesStyle
    /// Colour; nil picks the next palette colour.
    public var color: RGBColor?
    /// Marker shape; nil picks one by series position (circle, square, diamond, triangle, ...).
    public var marker: MarkerShape?
    /// Line width in pixels.
    public var lineWidth: Double
    /// Marker half-size in pixels.
    public var markerRadius: Double
    /// Optional text printed next to each point (index-aligned with `points`).
    public var pointLabels: [String]?
    /// Drawn on top of the other series with thicker lines and outlined markers (e.g. a Pareto front).
    public var emphasized: Bool

    /// A series from points.
    public init(name: String, points: [ChartPoint], style: SeriesStyle = .line, color: RGBColor? = nil,
                marker: MarkerShape? = nil, lineWidth: Double = 2, markerRadius: Double = 4,
                pointLabels: [String]? = nil, emphasized: Bool = false) {
        self.name = name
        self.points = points
        self.style = style
        self.color = color
        self.marker = marker
        self.lineWidth = lineWidth
        self.markerRadius = markerRadius
        self.pointLabels = pointLabels
        self.emphasized = emphasized
    }

    /// A series from parallel x and y arrays (the shorter length is used).
    public init(name: String, x: [Double], y: [Double], style: SeriesStyle = .line, color: RGBColor? = nil) {
        self.init(name: name, points: zip(x, y).map { ChartPoint($0, $1) }, style: style, color: color)
    }

    /// A series of per-step values, value i plotted at x = firstX + i (e.g. one value per epoch from 1).
    public init(name: String, values: [Double], firstX: Double = 1, style: SeriesStyle = .line,
                color: RGBColor? = nil) {
        self.init(name: name, points: values.enumerated().map { ChartPoint(firstX + Double($0.offset), $0.element) },
                  style: style, color: color)
    }

    /// The non-dominated points of `points` as an emphasised line-and-points series (black by default),
    /// for drawing over a scatter of the same points.
    public static func paretoFront(of points: [ChartPoint], name: String = "Pareto front",
                                   maximizeX: Bool = true, maximizeY: Bool = true,
                                   color: RGBColor = RGBColor(hex: 0x111111)) -> ChartSeries {
        let front = paretoFrontIndices(points, maximizeX: maximizeX, maximizeY: maximizeY).map { points[$0] }
        return ChartSeries(name: name, points: front, style: .lineAndPoints, color: color,
                           marker: .circle, lineWidth: 3, markerRadius: 5, emphasized: true)
    }
}

/// Indices of the points not dominated by any other point (another point at least as good in both
/// coordinates and better in one), ordered by ascending x. Exact duplicates are kept once;
/// non-finite points are ignored.
public func paretoFrontIndices(_ points: [ChartPoint], maximizeX: Bool = true, maximizeY: Bool = true) -> [Int] {
    let sx: Double = maximizeX ? 1 : -1, sy: Double = maximizeY ? 1 : -1
    let candidates = points.indices.filter { points[$0].x.isFinite && points[$0].y.isFinite }
    // Best x first (ties: best y first); a point joins the front if its y beats every point before it.
    let order = candidates.sorted { a, b in
        let ax = sx * points[a].x, bx = sx * points[b].x
        return ax != bx ? ax > bx : sy * points[a].y > sy * points[b].y
    }
    var front: [Int] = []
    var bestY = -Double.infinity
    for i in order where sy * points[i].y > bestY {
        front.append(i)
        bestY = sy * points[i].y
    }
    return front.sorted { points[$0].x < points[$1].x }
}
