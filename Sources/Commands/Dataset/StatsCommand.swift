import ArgumentParser
import Dataset

/// `Dataset stats`: class counts, coverage and correlations, as text and a chart.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show class counts, label coverage and correlations between attributes.",
        discussion: """
            Prints, per attribute, the count and share of each class and the share of samples labelled; then \
            Cramér's V between attributes and the strongest correlations between classes of different \
            attributes (the spurious correlations an edit must not follow). Writes the same as a PNG chart.

            Examples:
              swift run Dataset stats --dataset data/dcgan-digiface-64-n5000-s0
              swift run Dataset stats --dataset data/stylegan-w --chart stylegan-stats.png
            """)

    @Option(name: .long, help: "The dataset folder.")
    var dataset: String

    @Option(name: .long, help: "Where to write the chart (default <dataset>/stats.png).")
    var chart: String?

    func run() throws {
        let statistics = DatasetStatistics(try LabelledDataset.load(from: dataset))
        print(statistics.report, terminator: "")
        let path = chart ?? "\(dataset)/stats.png"
        try statistics.writeChart(to: path)
        print("chart: \(path)")
    }
}
