import ArgumentParser
import CommandSupport
import Curation
import Dataset
import Diagnostics
import FileStorage
import Foundation
import Generator
import ImageIO
import Labellers

/// `Curate simulate`: what asking the model gains, measured with a built-in labeller as the person.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Measure held-out accuracy against labels given, most uncertain first against plain order.",
        discussion: """
            A built-in labeller plays the person: for each seed it draws latents to ask about and latents to \
            judge on, labels --round samples at a time in each order (the first round in plain order), \
            retrains the page's model after every round, and measures its accuracy on the held-out latents. \
            Writes a chart and a CSV of the curves, and prints the table.

            Examples:
              swift run -c release Curate simulate --attribute lightness
              swift run -c release Curate simulate --attribute color --budget 300 \\
                  --seeds 0,1,2,3,4
            """)

    @Option(help: "The built-in labeller that plays the person (color, lightness, light_side, background).") var attribute = "lightness"
    @Option(help: "Labels given in all.") var budget = SimulationSettings().budget
    @Option(help: "Labels between two trainings.") var round = SimulationSettings().round
    @Option(help: "Latents to ask about, per seed.") var pool = SimulationSettings().poolSize
    @Option(name: .customLong("held-out"), help: "Latents to judge on, per seed.") var heldOut = SimulationSettings().heldOutSize
    @Option(help: "Seeds, comma-separated (one run each).") var seeds = CommaList<UInt64>([0, 1, 2])
    @Option(help: "Folds the labels are split into, one classifier each (as on the page).") var folds = ActiveLearningSettings().folds
    @Option(name: .customLong("min-steps"), help: "Optimiser steps each training runs at least (as on the page).") var minimumSteps = ActiveLearningSettings().minimumSteps
    @Option(help: "Output folder for the chart and the CSV.") var out = "reports/curation"

    func validate() throws {
        try requireList(seeds, flag: "--seeds")
        if round < 1 || budget < round { throw FlagError("--round must be at least 1 and --budget at least --round") }
        if pool < budget { throw FlagError("--pool must hold at least --budget latents") }
        if heldOut < 1 { throw FlagError("--held-out must be positive") }
        if folds < 2 { throw FlagError("--folds must be at least 2") }
        if minimumSteps < 0 { throw FlagError("--min-steps must not be negative") }
    }

    func run() throws {
        let labeller = try namingFlags([.labellers: "--attribute"]) { try BuiltInLabellers.named([attribute])[0] }
        var settings = SimulationSettings(poolSize: pool, heldOutSize: heldOut, budget: budget, round: round,
                                          seeds: seeds.values)
        settings.orders = [.uncertain, .plain]
        settings.learning.folds = folds
        settings.learning.minimumSteps = minimumSteps
        let start = Date()
        let curves = try simulateCuration(generator: try DCGANGenerator.embedded(), labeller: labeller,
                                          settings: settings) { printError($0) }
        let chartPath = URL(fileURLWithPath: out).appendingPathComponent("simulate-\(attribute).png").path
        let csvPath = URL(fileURLWithPath: out).appendingPathComponent("simulate-\(attribute).csv").path
        try writePNG(simulationChart(curves, attribute: attribute), to: chartPath)
        try writeAtomically(Data(simulationCSV(curves).utf8), to: csvPath)
        print("\(attribute): held-out accuracy (mean, lowest-highest over seeds \(seeds.defaultValueDescription)) by labels given, rounds of \(round), \(pool) latents to ask about, \(heldOut) held out")
        SimulationSummary(curves).lines.forEach { print("  " + $0) }
        let withoutModel = SimulationSummary.seedsWithoutModel(curves)
        if !withoutModel.isEmpty {
            print("  seed\(withoutModel.count == 1 ? "" : "s") \(withoutModel.map(String.init).joined(separator: ", ")) never had a model (a class kept fewer than \(settings.learning.minimumPerClass) labels): left out of the figures; the model needs a few labels of every class, so a rare class wants more labels or a larger --budget")
        }
        print("chart: \(chartPath)")
        print("csv:   \(csvPath)")
        print(String(format: "done in %.1f s", Date().timeIntervalSince(start)))
    }
}
