import Charts
import Foundation
import ImageIO

/// The mean, lowest and highest held-out accuracy over seeds at each number of labels, per order.
public struct SimulationSummary: Sendable {
    /// One row per number of labels: the labels, and per order (in `orders`' order) mean, min and max.
    public let rows: [(labels: Int, figures: [(mean: Double, min: Double, max: Double)])]
    /// The orders, in column order.
    public let orders: [SampleOrder]
    /// At the last number of labels every seed reached, the first order against the second, seed by seed:
    /// the seeds where the first was more accurate, the seeds compared, and the mean difference (first minus
    /// second). Nil with fewer than two orders.
    public let lastComparison: (labels: Int, ahead: Int, seeds: Int, meanDifference: Double)?

    /// Summarises `curves` (all orders must have been run for the same seeds and rounds).
    public init(_ curves: [SimulatedCurve]) {
        var orders = [SampleOrder]()
        for curve in curves where !orders.contains(curve.order) { orders.append(curve.order) }
        let labelCounts = Array(Set(curves.flatMap { $0.points.map(\.labels) })).sorted()
        rows = labelCounts.map { count in
            (count, orders.map { order in
                let values = curves.filter { $0.order == order }
                    .compactMap { $0.points.first { $0.labels == count }?.accuracy }.filter(\.isFinite)
                guard !values.isEmpty else { return (.nan, .nan, .nan) }
                return (values.reduce(0, +) / Double(values.count), values.min()!, values.max()!)
            })
        }
        self.orders = orders
        lastComparison = orders.count < 2 ? nil : Self.compareLast(curves, first: orders[0], second: orders[1])
    }

    private static func compareLast(_ curves: [SimulatedCurve], first: SampleOrder,
                                    second: SampleOrder) -> (labels: Int, ahead: Int, seeds: Int, meanDifference: Double)? {
        let labels = curves.compactMap { $0.points.last?.labels }.min()
        guard let labels else { return nil }
        func accuracy(_ order: SampleOrder, _ seed: UInt64) -> Double? {
            curves.first { $0.order == order && $0.seed == seed }?.points.first { $0.labels == labels }?.accuracy
        }
        let pairs = distinctSeeds(curves).compactMap { seed -> (Double, Double)? in
            guard let a = accuracy(first, seed), let b = accuracy(second, seed), a.isFinite, b.isFinite else { return nil }
            return (a, b)
        }
        guard !pairs.isEmpty else { return nil }
        return (labels, pairs.filter { $0.0 > $0.1 }.count, pairs.count,
                pairs.map { $0.0 - $0.1 }.reduce(0, +) / Double(pairs.count))
    }

    /// A printable table: labels, then per order "mean (min–max)".
    public var lines: [String] {
        let header = "labels  " + orders.map { $0.title.padding(toLength: 26, withPad: " ", startingAt: 0) }.joined()
        return [header] + rows.map { row in
            String(format: "%6d  ", row.labels) + row.figures.map {
                String(format: "%.3f (%.3f-%.3f)", $0.mean, $0.min, $0.max).padding(toLength: 26, withPad: " ", startingAt: 0)
            }.joined()
        } + comparisonLine
    }

    /// The seeds with a curve that never had a model (some class kept fewer labels than the model needs).
    public static func seedsWithoutModel(_ curves: [SimulatedCurve]) -> [UInt64] {
        distinctSeeds(curves.filter { !$0.points.contains(where: { $0.accuracy.isFinite }) })
    }

    private var comparisonLine: [String] {
        guard let c = lastComparison else { return [] }
        return [String(format: "at %d labels %@ is ahead on %d of %d seeds, by %+.3f on average",
                       c.labels, orders[0].title, c.ahead, c.seeds, c.meanDifference)]
    }
}

/// The seeds of `curves`, each once, in the order they first appear.
private func distinctSeeds(_ curves: [SimulatedCurve]) -> [UInt64] {
    var seeds = [UInt64]()
    for curve in curves where !seeds.contains(curve.seed) { seeds.append(curve.seed) }
    return seeds
}

/// The chart of `curves`: held-out accuracy against labels given, one thick line per order (the mean over
/// seeds) over thin lines for each seed.
public func simulationChart(_ curves: [SimulatedCurve], attribute: String) -> RGBImage {
    let summary = SimulationSummary(curves)
    var series = [ChartSeries]()
    for (column, order) in summary.orders.enumerated() {
        let color = ChartPalette.colors[column % ChartPalette.colors.count]
        for curve in curves where curve.order == order {
            series.append(ChartSeries(name: "", points: curve.points.map { ChartPoint(Double($0.labels), $0.accuracy) },
                                      style: .line, color: color, lineWidth: 1))
        }
        series.append(ChartSeries(name: order == .uncertain ? "uncertain first" : order.title,
                                  points: summary.rows.map { ChartPoint(Double($0.labels), $0.figures[column].mean) },
                                  style: .lineAndPoints, color: color,
                                  marker: MarkerShape.allCases[column % MarkerShape.allCases.count],
                                  lineWidth: 3, markerRadius: 5))
    }
    let seeds = Set(curves.map(\.seed)).count
    let withoutModel = SimulationSummary.seedsWithoutModel(curves).count
    let xLabel = withoutModel == 0 ? "labels given (thick: mean, thin: each seed)"
        : "labels (thick: mean, thin: seeds; \(withoutModel) had no model)"
    return LineChart(title: "\(attribute): held-out accuracy, \(seeds) seed\(seeds == 1 ? "" : "s")",
                     xLabel: xLabel, yLabel: "held-out accuracy",
                     series: series, width: 1000, height: 560,
                     integerX: true).render()
}

/// The curves as CSV: `order,seed,labels,accuracy`.
public func simulationCSV(_ curves: [SimulatedCurve]) -> String {
    var text = "order,seed,labels,accuracy\n"
    for curve in curves {
        for point in curve.points { text += "\(curve.order.rawValue),\(curve.seed),\(point.labels),\(point.accuracy)\n" }
    }
    return text
}
