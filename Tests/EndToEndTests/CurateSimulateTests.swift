import CommandTestSupport
import Foundation
import Testing

@Suite struct CurateSimulateTests {
    /// A small `Curate simulate` run: 120 latents to ask about, 40 labels in rounds of 20, two seeds.
    static let quick = ["simulate", "--attribute", "lightness", "--pool", "120", "--held-out", "100", "--budget", "40",
                        "--round", "20", "--seeds", "0,1", "--folds", "3", "--min-steps", "60"]

    @Test func simulateWritesTheSameCurvesForTheSameSeedsAndComparesTheOrders() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let first = try runProduct("Curate", Self.quick + ["--out", folder.path("a")])
        try #require(first.status == 0, "Curate simulate failed: \(first.error)")
        let second = try runProduct("Curate", Self.quick + ["--out", folder.path("b")])
        try #require(second.status == 0, "Curate simulate failed: \(second.error)")
        let csv = try String(contentsOfFile: folder.path("a/simulate-lightness.csv"), encoding: .utf8)
        #expect(csv == (try String(contentsOfFile: folder.path("b/simulate-lightness.csv"), encoding: .utf8)))
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 2 * 2 * 2, "two orders, two seeds, at 20 and 40 labels")
        for row in rows {
            let accuracy = try #require(Double(row[3]))
            #expect((0...1).contains(accuracy))
        }
        // Both orders start with the same plain round.
        for seed in ["0", "1"] {
            let at20 = rows.filter { $0[1] == seed && $0[2] == "20" }.map { $0[3] }
            #expect(at20.count == 2 && at20[0] == at20[1])
        }
        #expect(first.output.contains("at 40 labels most uncertain first is ahead on"))
        #expect(first.output.contains("of 2 seeds"))
        let png = try Data(contentsOf: URL(fileURLWithPath: folder.path("a/simulate-lightness.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
