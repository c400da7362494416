/// A set of pixels given as disjoint rectangles, so that each pixel counts once in a mean.
/// Rows and columns are 0-based and ranges inclusive.
public struct PixelRegion: Sendable, Equatable, CustomStringConvertible {
    /// One rectangle: the pixels whose row lies in `rows` and whose column lies in `columns`.
    public struct Rectangle: Sendable, Equatable {
        /// Rows covered, inclusive.
        public let rows: ClosedRange<Int>
        /// Columns covered, inclusive.
        public let columns: ClosedRange<Int>
    }

    /// The disjoint rectangles making up the region.
    public let rectangles: [Rectangle]
    /// A human-readable account of the region for manifests and reports.
    public let description: String

    /// The rectangle `rows` × `columns`.
    public static func rectangle(rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> PixelRegion {
        PixelRegion(rectangles: [Rectangle(rows: rows, columns: columns)],
                    description: "rows \(rows.lowerBound)-\(rows.upperBound), columns \(columns.lowerBound)-\(columns.upperBound)")
    }

    /// The border of a `size × size` image: the top `top` rows of every column, plus the `side` leftmost and
    /// `side` rightmost columns of every row, each pixel once.
    public static func border(size: Int, top: Int, side: Int) -> PixelRegion {
        let last = size - 1
        return PixelRegion(
            rectangles: [Rectangle(rows: 0...(top - 1), columns: 0...last),
                         Rectangle(rows: top...last, columns: 0...(side - 1)),
                         Rectangle(rows: top...last, columns: (size - side)...last)],
            description: "rows 0-\(top - 1) of every column, plus columns 0-\(side - 1) and \(size - side)-\(last) of every row")
    }

    /// The number of pixels in the region.
    public var pixelCount: Int {
        rectangles.reduce(0) { $0 + $1.rows.count * $1.columns.count }
    }

    /// The mean R, G and B of `image` over the region, in double precision.
    public func meanColor(of image: PlanarImage) -> (r: Double, g: Double, b: Double) {
        var sums = [0.0, 0.0, 0.0]
        for channel in 0..<3 {
            for rectangle in rectangles {
                for row in rectangle.rows {
                    for column in rectangle.columns { sums[channel] += Double(image[channel, row, column]) }
                }
            }
        }
        let count = Double(pixelCount)
        return (sums[0] / count, sums[1] / count, sums[2] / count)
    }

    /// The mean luma (0.299 R + 0.587 G + 0.114 B) of `image` over the region.
    public func meanLuma(of image: PlanarImage) -> Double {
        let mean = meanColor(of: image)
        return luma(r: mean.r, g: mean.g, b: mean.b)
    }
}
