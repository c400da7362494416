import Curation
import Testing

@Suite("Simulation summary")
struct SimulationSummaryTests {
    private let curves = [
        SimulatedCurve(order: .uncertain, seed: 0, points: [(20, 0.5), (40, 0.80)]),
        SimulatedCurve(order: .plain, seed: 0, points: [(20, 0.5), (40, 0.70)]),
        SimulatedCurve(order: .uncertain, seed: 1, points: [(20, 0.6), (40, 0.65)]),
        SimulatedCurve(order: .plain, seed: 1, points: [(20, 0.6), (40, 0.75)]),
        SimulatedCurve(order: .uncertain, seed: 2, points: [(20, .nan), (40, 0.90)]),
        SimulatedCurve(order: .plain, seed: 2, points: [(20, .nan), (40, 0.60)]),
    ]

    @Test("mean, lowest and highest per order and number of labels; NaN points left out")
    func figures() throws {
        let summary = SimulationSummary(curves)
        #expect(summary.orders == [.uncertain, .plain])
        #expect(summary.rows.map(\.labels) == [20, 40])
        let first = summary.rows[0].figures[0]
        #expect(abs(first.mean - 0.55) < 1e-12 && first.min == 0.5 && first.max == 0.6)
        let last = summary.rows[1].figures[1]
        #expect(abs(last.mean - 2.05 / 3) < 1e-12 && last.min == 0.6 && last.max == 0.75)
    }

    @Test("the orders compared seed by seed at the last number of labels")
    func comparison() throws {
        let comparison = try #require(SimulationSummary(curves).lastComparison)
        #expect(comparison.labels == 40 && comparison.ahead == 2 && comparison.seeds == 3)
        #expect(abs(comparison.meanDifference - (0.10 - 0.10 + 0.30) / 3) < 1e-12)
        #expect(SimulationSummary(curves).lines.last == "at 40 labels most uncertain first is ahead on 2 of 3 seeds, by +0.100 on average")
        #expect(SimulationSummary(curves.filter { $0.order == .plain }).lastComparison == nil, "one order: nothing to compare")
    }

    @Test("seeds whose curves never had a model are named, and left out of the figures")
    func seedsWithoutModel() throws {
        let none = [SimulatedCurve(order: .uncertain, seed: 7, points: [(20, .nan), (40, .nan)]),
                    SimulatedCurve(order: .plain, seed: 7, points: [(20, .nan), (40, .nan)])]
        #expect(SimulationSummary.seedsWithoutModel(curves).isEmpty)
        #expect(SimulationSummary.seedsWithoutModel(curves + none) == [7])
        let summary = SimulationSummary(curves + none)
        #expect(summary.lastComparison?.seeds == 3, "seed 7 is not compared")
        #expect(summary.rows[1].figures[0].max == 0.90)
    }

    @Test("CSV: a row per point, order and seed")
    func csv() {
        let lines = simulationCSV(curves).split(separator: "\n")
        #expect(lines.first == "order,seed,labels,accuracy" && lines.count == 13)
        #expect(lines[1] == "uncertain,0,20,0.5")
    }
}
