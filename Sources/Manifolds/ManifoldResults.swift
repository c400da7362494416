import Discovery
import FileStorage
import Labellers
import Foundation
import Generator
import ImageIO
import NumericCore

/// How much evaluation a finished run gets.
public struct ResultSettings: Sendable {
    /// Held-out pairs for the direction accuracy.
    public var heldOutPairs: Int
    /// Latents for consistency, roughness and naming.
    public var latents: Int
    /// Magnitudes along a traversal (odd).
    public var traversalSteps: Int
    /// Rows of each direction's grid.
    public var gridRows: Int

    /// The defaults of `Discover manifolds`.
    public static let standard = ResultSettings(heldOutPairs: 640, latents: 32, traversalSteps: 9, gridRows: 4)

    /// Settings with every field given.
    public init(heldOutPairs: Int, latents: Int, traversalSteps: Int, gridRows: Int) {
        self.heldOutPairs = heldOutPairs
        self.latents = latents
        self.traversalSteps = traversalSteps
        self.gridRows = gridRows
    }
}

/// The measured figures of a finished run (all deterministic given the run).
public struct ManifoldMetrics: Sendable, Codable, Equatable {
    /// Steps trained.
    public let steps: Int
    /// Share of held-out pairs whose direction R names.
    public let heldOutAccuracy: Double
    /// R's mean |ε̂ - ε| on them.
    public let heldOutShiftError: Double
    /// Held-out pairs.
    public let heldOutPairs: Int
    /// Consistency, roughness and change size per direction.
    public let quality: DirectionQuality
    /// The names given.
    public let names: [DirectionName]
}

/// The files of a run named `name` in folder `folder`.
public struct ManifoldRunFiles: Sendable {
    /// The folder.
    public let folder: String
    /// The run's name, the stem of every file.
    public let name: String

    /// A run's files; `name` must be a plain file stem.
    public init(folder: String, name: String) {
        self.folder = folder
        self.name = name
    }

    private func path(_ suffix: String) -> String { URL(fileURLWithPath: folder).appendingPathComponent(name + suffix).path }
    /// The directions file.
    public var directions: String { path(".safetensors") }
    /// The training checkpoint.
    public var training: String { path(".training.safetensors") }
    /// The overview grid, one row per direction.
    public var overview: String { path(".grid.png") }
    /// The folder of per-direction grids.
    public var grids: String { path(".grids") }
    /// The naming table and figures, Markdown.
    public var report: String { path(".md") }
    /// The figures, JSON.
    public var metrics: String { path(".metrics.json") }
}

/// Measures a finished run and writes its directions file, grids, naming table and metrics.
public func writeResults(_ trainer: ManifoldTrainer, files: ManifoldRunFiles, settings: ResultSettings,
                         command: String, progress: (String) -> Void) throws -> ManifoldMetrics {
    let c = trainer.configuration, generator = trainer.generator, transform = trainer.model.transform
    progress("measuring direction accuracy on \(settings.heldOutPairs) held-out pairs")
    let held = try heldOutAccuracy(model: trainer.model, generator: generator, configuration: c, pairs: settings.heldOutPairs)
    // Evaluation latents: their own stream, the same for every run with this seed.
    var random = RandomSource(seed: c.seed ^ 0x4556_414C_5541_5445)
    let latents = try generator.drawPrior(count: settings.latents, random: &random)
    progress("measuring consistency and smoothness on \(settings.latents) latents")
    let quality = try directionQuality(transform: transform, latents: latents, maximum: c.shiftScale,
                                       steps: settings.traversalSteps, generator: generator)
    progress("naming directions with the built-in labellers")
    let names = try nameDirections(transform: transform, latents: latents, maximum: c.shiftScale,
                                   labellers: BuiltInLabellers.all, generator: generator)
    let metrics = ManifoldMetrics(steps: trainer.step, heldOutAccuracy: held.accuracy, heldOutShiftError: held.shiftError,
                                  heldOutPairs: settings.heldOutPairs, quality: quality, names: names)
    let figures = [
        "steps": String(trainer.step),
        "held_out_accuracy": String(format: "%.4f", held.accuracy),
        "held_out_pairs": String(settings.heldOutPairs),
        "held_out_shift_error": String(format: "%.4f", held.shiftError),
        "mean_consistency": String(format: "%.4f", quality.meanConsistency),
        "mean_roughness": String(format: "%.4f", quality.meanRoughness),
    ]
    try ManifoldDirectionsFile.contents(transform: transform, configuration: c, generator: generator, names: names.map(\.name),
                                        quality: quality, figures: figures).write(to: files.directions)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try writeAtomically(try encoder.encode(metrics), to: files.metrics)
    progress("drawing traversal grids")
    let labels = names.map(\.caption)
    try writePNG(try traversalOverview(transform: transform, latent: latents.rows(0..<1), maximum: c.shiftScale,
                                       columns: settings.traversalSteps, names: labels,
                                       title: "\(files.name): every direction, one face", generator: generator),
                 to: files.overview)
    try writeDirectoryAtomically(at: files.grids) { folder in
        for k in 0..<transform.directionCount {
            let grid = try traversalGrid(transform: transform, direction: k, latents: latents.rows(0..<min(settings.gridRows, settings.latents)),
                                         maximum: c.shiftScale, columns: settings.traversalSteps,
                                         title: "\(names[k].caption) (\(files.name))", generator: generator)
            try writePNG(grid, to: URL(fileURLWithPath: folder).appendingPathComponent(String(format: "direction-%02d.png", k)).path)
        }
    }
    try writeAtomically(Data(runReport(metrics, configuration: c, files: files, command: command).utf8), to: files.report)
    return metrics
}

/// The run's Markdown report: figures, naming table, per-direction quality.
func runReport(_ m: ManifoldMetrics, configuration c: ManifoldConfiguration, files: ManifoldRunFiles, command: String) -> String {
    var text = """
        # \(files.name)

        Directions discovered without labels by the learned-manifold method of Lu et al. (2020), **reconstructed from the \
        abstract and its references** (no code or paper body was available), on top of Voynov & Babenko (2020). \
        T: \(c.transform.rawValue), K = \(c.directions), centroid loss: \(c.centroidLoss.rawValue) (weight \(c.centroidWeight)), \
        \(m.steps) steps of \(c.batch) pairs, seed \(c.seed).

        Command: `\(command)`

        | figure | value |
        |---|---:|
        | direction accuracy on \(m.heldOutPairs) held-out pairs | \(String(format: "%.3f", m.heldOutAccuracy)) |
        | mean \\|ε̂ − ε\\| on them | \(String(format: "%.3f", m.heldOutShiftError)) |
        | consistency (mean pairwise cosine of image changes) | \(String(format: "%.3f", m.quality.meanConsistency)) |
        | roughness (‖second difference‖ / ‖first difference‖) | \(String(format: "%.3f", m.quality.meanRoughness)) |
        | RMS image change at ±ε_max | \(String(format: "%.3f", m.quality.meanChangeSize)) |

        ## Naming table

        Each direction re-scored with the built-in labellers at ε = ±\(c.shiftScale) on the evaluation latents; Δ is the mean \
        change of the score from −ε_max to +ε_max in standard deviations of that score over the unmoved images. Named \
        after the strongest effect when it is at least 1 SD and 1.5× the next labeller's, as `<attribute>.<class>`: the \
        class the + side moves toward (the scheme `Discover tca` uses too). The direction column holds the ids the \
        directions file and the Editor use; the Editor takes a name in place of an id only when one direction has it.


        """
    text += namingTable(m.names)
    text += "\n## Per direction\n\n| direction | consistency | roughness | RMS change |\n|---|---:|---:|---:|\n"
    for k in m.quality.consistency.indices {
        text += String(format: "| %@ | %.3f | %.3f | %.3f |\n", ManifoldDirectionsFile.id(k), m.quality.consistency[k], m.quality.roughness[k],
                       m.quality.changeSize[k])
    }
    text += "\nGrids: `\(URL(fileURLWithPath: files.overview).lastPathComponent)` (one face, every direction) and "
        + "`\(URL(fileURLWithPath: files.grids).lastPathComponent)/direction-NN.png` (\(min(4, m.quality.consistency.count)) faces per direction).\n"
    return text
}
