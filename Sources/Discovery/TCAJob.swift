import Diagnostics
import FileStorage
import Labellers
import Foundation
import Generator
import ImageIO
import NumericCore

/// What `Discover tca` does: the run's options, how many latents name the directions, and where files go.
public struct TCAJobOptions: Sendable {
    /// The TCA run.
    public var tca = TCAOptions()
    /// Latents on which every direction is re-scored and measured.
    public var namingLatents = 100
    /// The output folder.
    public var outputFolder = "discovered"
    /// The command line, for the report.
    public var commandLine = "Discover tca"

    /// The defaults.
    public init() {}
}

/// The files a `Discover tca` run wrote and its report.
public struct TCAJobOutcome: Sendable {
    /// The directions file, the grids and the report, in that order.
    public let files: [String]
    /// The report's lines.
    public let report: [String]
}

/// Runs TCA on `generator`, names and measures the directions, and writes into the output folder
/// `tca-block<b>.directions.safetensors`, a grid per mode (`tca-block<b>-channel.png`, `-height.png`,
/// `-width.png`, rows the components, columns −3σ … +3σ) and of the multilinear products (`-products.png`), and
/// the report `tca-block<b>.md`. `log` hears each stage; progress lines go to stderr when it is a terminal.
public func runTCAJob(_ options: TCAJobOptions, generator: any BlockActivationsGenerator,
                      log: (String) -> Void) throws -> TCAJobOutcome {
    let training = Progress("regression", total: options.tca.training.iterations)
    let result = try runTCA(generator: generator, options: options.tca, log: log) { iteration, loss in
        training.update(iteration, status: String(format: "loss %.5f", loss))
    }
    training.finish()
    var random = TCAStream.naming.random(seed: options.tca.seed)
    let latents = try generator.drawPrior(count: options.namingLatents, random: &random)
    log("re-scoring \(result.directions.count) directions with the built-in labellers on \(options.namingLatents) latents")
    let measuring = Progress("naming", total: result.directions.count)
    let measurements = try measureDirections(result.directions, generator: generator, latents: latents) { measuring.update($0) }
    measuring.finish()
    let directions = result.directions.indices.map { index -> DiscoveredDirection in
        var direction = result.directions[index]
        direction.label = measurements.label(index) { name in BuiltInLabellers.all.first { $0.name == name }?.classes ?? [] }
        for (j, statistic) in measurements.statistics.enumerated() { direction.details["effect.\(statistic)"] = measurements.effects[index][j] }
        direction.details["shift_pixels"] = measurements.shifts[index]
        direction.details["mean_colour_change"] = measurements.colourChanges[index]
        return direction
    }

    let folder = options.outputFolder as NSString
    let stem = "tca-block\(options.tca.block)"
    var files = [folder.appendingPathComponent("\(stem).directions.safetensors")]
    try result.directionsFile(generator: generator, directions: directions).write(to: files[0])
    var gridRandom = TCAStream.grid.random(seed: options.tca.seed)
    let latent = try generator.drawPrior(count: 1, random: &gridRandom)
    let groups = (0..<3).map { mode in (TCAEditKind.modeNames[mode], directions.indices.filter {
        if case .modewise(mode, _) = result.kinds[$0] { true } else { false } }) }
        + [("products", directions.indices.filter { if case .multilinear = result.kinds[$0] { true } else { false } })]
    for (name, members) in groups where !members.isEmpty {
        log("grid of the \(name) \(name == "products" ? "" : "components ")(\(members.count) rows)")
        let path = folder.appendingPathComponent("\(stem)-\(name).png")
        try writePNG(directionGrid(members.map { directions[$0] }, generator: generator, latent: latent), to: path)
        files.append(path)
    }
    let report = tcaReport(result, directions: directions, measurements: measurements, commandLine: options.commandLine)
    let reportPath = folder.appendingPathComponent("\(stem).md")
    try writeAtomically(Data((report.joined(separator: "\n") + "\n").utf8), to: reportPath)
    files.append(reportPath)
    return TCAJobOutcome(files: files, report: report)
}
