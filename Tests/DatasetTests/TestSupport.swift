import Dataset
@_exported import CommandTestSupport
import Foundation
import Generator
import Labellers
import NumericCore

/// A file of the labeller fixture (`labellers-256`).
func labellerFixture(_ name: String) -> String { fixturePath("labellers-256/\(name)") }

/// A 64×64 image filled with one colour, values in [0, 1].
struct SyntheticImage {
    var values: [Float]

    init(_ r: Float, _ g: Float, _ b: Float) {
        values = [r, g, b].flatMap { [Float](repeating: $0, count: 64 * 64) }
    }

    /// Paints the pixels with rows in `rows` and columns in `columns`.
    mutating func paint(rows: ClosedRange<Int>, columns: ClosedRange<Int>, _ r: Float, _ g: Float, _ b: Float) {
        for (channel, value) in [r, g, b].enumerated() {
            for row in rows {
                for column in columns { values[(channel * 64 + row) * 64 + column] = value }
            }
        }
    }

    /// Paints the border region (rows 0–5; columns 0–3 and 60–63).
    mutating func paintBorder(_ r: Float, _ g: Float, _ b: Float) {
        paint(rows: 0...5, columns: 0...63, r, g, b)
        paint(rows: 6...63, columns: 0...3, r, g, b)
        paint(rows: 6...63, columns: 60...63, r, g, b)
    }

    var image: PlanarImage { PlanarImage(width: 64, height: 64, values: values) }
}

/// A small in-memory dataset with one binary attribute "b" (margins `margins`, class 1 when positive) and
/// one multiclass attribute "m" with three classes (labels `multi`, confidences one-hot-ish by `strength`),
/// latents [N, 3] filled with the sample index.
func syntheticDataset(margins: [Float], multi: [Int?], strength: [Float]) throws -> LabelledDataset {
    let n = margins.count
    let attributes = [
        Attribute(name: "b", kind: .binary, classes: ["no", "yes"], origin: .labeller(name: "b", parameters: [:]),
                  scores: ScoreColumns(first: 0, count: 1, meaning: "margin")),
        Attribute(name: "m", kind: .multiclass, classes: ["x", "y", "z"], origin: .labeller(name: "m", parameters: [:]),
                  scores: ScoreColumns(first: 1, count: 3, meaning: "confidence")),
    ]
    var scores = [Float]()
    for i in 0..<n {
        scores.append(margins[i])
        for k in 0..<3 { scores.append(multi[i] == k ? strength[i] : (1 - strength[i]) / 2) }
    }
    let manifest = DatasetManifest(generator: "test", checkpointSHA256: nil, latentDimension: 3, seed: 1, count: n,
                                   imagesStored: false, attributes: attributes)
    return try LabelledDataset(manifest: manifest,
                               latents: Tensor(shape: [n, 3], storage: (0..<(n * 3)).map { Float($0 / 3) }),
                               labels: [margins.map { $0 > 0 ? 1 : 0 }, multi],
                               scores: Tensor(shape: [n, 4], storage: scores))
}

/// A generator that renders flat grey images cheaply and throws when asked to render batch `failingBatch`
/// (counting from 0), to simulate an interruption.
struct FailingGenerator: LatentGenerator {
    let identifier = "failing"
    let checkpointSHA256: String? = nil
    let latentDimension = 4
    let canRender = true
    let imageShape: [Int]? = [3, 64, 64]
    let failingBatch: Int
    let batchCounter = Counter()

    final class Counter: @unchecked Sendable {
        var value = 0
    }

    func samplePrior(count: Int, random: inout RandomSource) -> Tensor {
        Tensor(shape: [count, latentDimension], storage: random.normals(count * latentDimension))
    }

    func render(_ latents: Tensor) throws -> Tensor {
        defer { batchCounter.value += 1 }
        if batchCounter.value == failingBatch { throw GeneratorError.cannotRender(identifier: "interrupted on purpose") }
        return Tensor(shape: [latents.shape[0], 3, 64, 64], repeating: 0)
    }

    func latentGradient(_ latents: Tensor, imageGradient: (Tensor) -> Tensor) throws -> Tensor {
        throw GeneratorError.cannotRender(identifier: identifier)
    }
}

/// The embedded generator, loaded once per process.
let embeddedGenerator: Result<DCGANGenerator, any Error> = Result { try DCGANGenerator.embedded() }
