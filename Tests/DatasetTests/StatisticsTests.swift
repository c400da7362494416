import Dataset
import Testing

@Suite("Dataset statistics")
struct StatisticsTests {
    @Test("counts, coverage, association and indicator correlations")
    func statistics() throws {
        // b follows the sign of the margin; m's class 0 coincides with b = 1 exactly on the labelled samples.
        let margins: [Float] = [0.5, -0.2, 0.3, -0.1, 0.2, -0.4]
        let dataset = try syntheticDataset(margins: margins, multi: [0, 1, 0, 2, 0, nil], strength: [Float](repeating: 0.8, count: 6))
        let statistics = DatasetStatistics(dataset)
        #expect(statistics.attributes.map(\.classCounts) == [[3, 3], [3, 1, 1]])
        #expect(statistics.attributes.map(\.labelled) == [6, 5])
        #expect(statistics.indicators == ["b=yes", "m=x", "m=y", "m=z"])
        #expect(abs(statistics.association[0][1]! - 1) < 1e-12, "b determines whether m is x")
        #expect(abs(statistics.indicatorCorrelation[0][1]! - 1) < 1e-12)
        #expect(statistics.indicatorCorrelation[1][2]! < 0, "classes of one attribute exclude each other")
        #expect(statistics.strongestCorrelations(limit: 1).first?.first == "b=yes")
        let report = statistics.report
        #expect(report.contains("m (multiclass, labeller m): 5 labelled, coverage 83.3%"))
        #expect(report.contains("  1 y        1   20.0%"))
        #expect(statistics.chart().width == 900)
    }

    @Test("independent attributes have association near 0; constant ones none")
    func independence() throws {
        let margins: [Float] = [0.5, -0.2, 0.3, -0.1]
        let independent = try syntheticDataset(margins: margins, multi: [0, 0, 1, 1], strength: [Float](repeating: 0.8, count: 4))
        #expect(abs(DatasetStatistics(independent).association[0][1]!) < 1e-12)
        let constant = try syntheticDataset(margins: margins, multi: [2, 2, 2, 2], strength: [Float](repeating: 0.8, count: 4))
        #expect(DatasetStatistics(constant).association[0][1] == nil)
        #expect(DatasetStatistics(constant).indicatorCorrelation[0][3] == nil)
    }
}
