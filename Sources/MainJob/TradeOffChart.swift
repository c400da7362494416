import Charts
import Editing
import Foundation
import ImageIO

/// A scatter of the trade-off table of `choice`: target success against mean protected path drift, one point
/// per row. Only the chosen row and a few well-separated points of the other rows' front (highest success for
/// the drift) are labelled; every row is in the printed table (`MaskChoice.tableLines`).
public func tradeOffChart(_ choice: MaskChoice, attribute: String, frontierLabels: Int = 4) -> RGBImage {
    let points = choice.rows.map { ChartPoint($0.measurement.meanPathDrift, $0.measurement.successRate) }
    let chosen = points[choice.chosenRow]
    // The front of the other rows (the chosen one often dominates them all): the best alternatives.
    let others = points.indices.filter { $0 != choice.chosenRow }
    let front = paretoFrontIndices(others.map { points[$0] }, maximizeX: false, maximizeY: true).map { others[$0] }
        .sorted { points[$0].y > points[$1].y }  // the most successful alternatives are labelled first
    let labelled = separatedPoints(front, of: points, from: [choice.chosenRow], count: frontierLabels)
    return LineChart(title: "\(attribute): target success against protected drift",
                     xLabel: "mean protected path drift", yLabel: "target success rate",
                     series: [ChartSeries(name: "candidates", points: points, style: .points,
                                          color: RGBColor(hex: 0x8AA4BF), markerRadius: 3),
                              ChartSeries(name: "best alternatives", points: labelled.map { points[$0] }, style: .points,
                                          color: RGBColor(hex: 0x1F77B4), marker: .circle, markerRadius: 5,
                                          pointLabels: labelled.map { chartLabel(choice.rows[$0].method) }),
                              ChartSeries(name: "chosen", points: [chosen], style: .points, color: RGBColor(hex: 0xD62728),
                                          marker: .diamond, markerRadius: 9,
                                          pointLabels: ["chosen: " + chartLabel(choice.rows[choice.chosenRow].method)],
                                          emphasized: true)],
                     width: 1000, height: 600).render()
}

/// A method's name short enough to label a point: masks with one budget for every attribute say it once
/// ("masked, 10 each"); other methods as in their summary. The printed table names every budget.
func chartLabel(_ method: EditMethod) -> String {
    if case .masked(let budgets) = method, let first = budgets.values.first, budgets.values.allSatisfy({ $0 == first }) {
        return "masked, \(first) each"
    }
    return method.summary
}

/// Up to `count` of `candidates` (indices into `points`), greedily taken in order so that no two labels, and
/// none of them and the points `taken`, would overlap: points closer than a twelfth of the vertical extent must
/// lie at least a third of the horizontal extent apart (a label runs sideways about that far).
private func separatedPoints(_ candidates: [Int], of points: [ChartPoint], from taken: [Int], count: Int) -> [Int] {
    let ys = points.map(\.y), xs = points.map(\.x)
    let ySpan = max((ys.max() ?? 1) - (ys.min() ?? 0), 1e-9)
    let xSpan = max((xs.max() ?? 1) - (xs.min() ?? 0), 1e-9)
    func apart(_ a: Int, _ b: Int) -> Bool {
        abs(points[a].y - points[b].y) / ySpan >= 1.0 / 12 || abs(points[a].x - points[b].x) / xSpan >= 1.0 / 3
    }
    var kept = [Int]()
    for candidate in candidates where kept.count < count {
        if (taken + kept).allSatisfy({ apart($0, candidate) }) { kept.append(candidate) }
    }
    return kept
}
