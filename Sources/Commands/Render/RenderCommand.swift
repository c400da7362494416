import ArgumentParser
import CommandSupport
import Diagnostics
import FileStorage
import Foundation
import Generator
import ImageIO
import NumericCore
import TensorFormats

/// `Render`: latents to images with the embedded generator or the user's own (a worker).
/// The most latents rendered in one run (each image is kept for the contact sheet).
let maximumRenderedLatents = 100_000

@main
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Render",
        abstract: "Render latents to images with the embedded DCGAN generator, or with your own through a worker.",
        discussion: """
            Latents come from a float32 .npy file of shape [N, D] (--latents; D = 100 for the embedded \
            generator), or are drawn from N(0, I) with --count and --seed. Writes one PNG per latent and a \
            contact sheet into --out; with --images-npy also a float32 .npy of the images [N, 3, H, W] with values \
            in [-1, 1]. --generator spec.json renders with your own generator, served by a worker process \
            (docs/generator-worker.md; tools/workers/numpy_dcgan.json serves the embedded DCGAN from NumPy).

            Examples:
              swift run Render --count 16 --seed 1 --out renders
              swift run Render --latents my-latents.npy --out renders \\
                  --images-npy renders/images.npy
              swift run Render --generator tools/workers/numpy_dcgan.json --count 8
            """)

    @Option(name: .long, help: "A float32 .npy file of latents [N, D].")
    var latents: String?

    @Option(name: .long, help: "Number of latents to draw from the prior (when --latents is not given).")
    var count: Int?

    @Option(name: .long, help: "Seed for drawing latents.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "Output directory for the PNGs and the contact sheet.")
    var out: String = "renders"

    @Option(name: .customLong("images-npy"), help: "Also write the images as float32 .npy [N, 3, H, W] in [-1, 1].")
    var imagesNpy: String?

    @Option(name: .long, help: "Columns of the contact sheet.")
    var columns: Int = 8

    @Option(name: .long, help: "Images rendered at once.")
    var batch: Int = renderBatchSize

    @Flag(name: .customLong("no-pngs"), help: "Write only the contact sheet, not one PNG per latent.")
    var noPNGs = false

    @OptionGroup var generatorOptions: GeneratorOptions

    func validate() throws {
        if (latents == nil) == (count == nil) { throw FlagError("give either --latents FILE or --count N") }
        if let count { try requireInRange(count, 1...maximumRenderedLatents, "", source: "--count") }
        try requireInRange(batch, 1...4096, "", source: "--batch")
        try requireInRange(columns, 1...1000, "", source: "--columns")
    }

    func run() throws {
        do {
            try render()
        } catch GeneratorError.nonFiniteImage(let row) {
            throw FileError(path: latents ?? "--count", problem: "\(GeneratorError.nonFiniteImage(row: row)) (no image written)")
        }
    }

    private func render() throws {
        let generator = try generatorOptions.load()
        defer { generatorOptions.stop(generator) }
        let z = try loadLatents(generator)
        removeLeftovers(in: out)
        let progress = Progress("rendering", total: z.shape[0])
        var rawImages = [Float]()
        var images = [RGBImage]()
        try generator.forEachRenderedBatch(z, batchSize: batch) { start, batchImages in
            if imagesNpy != nil { rawImages.append(contentsOf: batchImages.storage) }
            images.append(contentsOf: rgbImages(batchImages))
            progress.update(start + batchImages.shape[0])
        }
        progress.finish()
        if !noPNGs {
            for (index, image) in images.enumerated() {
                try writePNG(image, to: "\(out)/image-\(String(format: "%05d", index)).png")
            }
        }
        let sheet = makeGrid(tiles: images.map { $0.width <= 128 ? $0.scaled(by: 2) : $0 }, columns: min(columns, images.count),
                             tileCaptions: images.indices.map(String.init))
        try writePNG(sheet, to: "\(out)/contact-sheet.png")
        if let imagesNpy {
            try writeNpy(Tensor(shape: [z.shape[0]] + generator.imageShape!, storage: rawImages), to: imagesNpy)
        }
        print("rendered \(z.shape[0]) images to \(out)/ (contact sheet: \(out)/contact-sheet.png)")
    }

    private func loadLatents(_ generator: any LatentGenerator) throws -> Tensor {
        guard let latents else {
            var random = RandomSource(seed: seed)
            return try generator.drawPrior(count: count!, random: &random)
        }
        let z = try readNpyTensor(latents)
        guard z.rank == 2, z.shape[1] == generator.latentDimension else {
            throw FileError(path: latents, problem: "latents must have shape [N, \(generator.latentDimension)], got \(z.shape)")
        }
        try requireInRange(z.shape[0], 1...maximumRenderedLatents, "the number of latents", source: latents)
        try requireFinite(z, source: latents)
        return z
    }
}
