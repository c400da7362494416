import CommandTestSupport
import Foundation
import ImageIO
import TensorFormats
import Testing

@Suite("The main job, the editor and the renderer, run as commands", .serialized)
struct MainJobTests {
    @Test("Trainer → bundle → Editor strips, on a small dataset")
    func trainThenEdit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let checkpoints = directory.path("checkpoints")
        // The run's own folder: <out>/<dataset folder's name>/<attribute>.
        let run = "\(checkpoints)/dcgan-digiface-64-n400-s3/color"
        let train = try runProduct("Trainer", ["--attribute", "color", "--multiclass", "5", "--count", "400", "--seed", "3", "--force",
                                               "--epochs", "4", "--out", checkpoints], in: directory.url)
        #expect(train.status == 0, "\(train.error)")
        #expect(train.output.contains("attribute color: validation accuracy"))
        #expect(train.output.contains("edit method:"))
        #expect(train.error.contains("path augmentation: 40 latents edited toward each class of color, 120 points labelled for every attribute"),
                "a tenth of the 400 samples: \(train.error)")
        for file in ["color.classifier.safetensors", "color.bundle.safetensors", "color-protects-lightness.classifier.safetensors",
                     "reports/color.metrics.json", "reports/color.curves.png",
                     "reports/color.confusion.png", "reports/saliency-overlap.png", "run.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(run)/\(file)"), "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: directory.path("data/dcgan-digiface-64-n400-s3/latents.npy")))
        // The stop rule chosen on held-out latents: a table of the rules (no stop, or four thresholds; four budgets),
        // one chosen, and it is the bundle's.
        let table = train.error.split(separator: "\n").filter { $0.hasPrefix("  | never |") || $0.hasPrefix("  | p ≥ 0.") }
        #expect(table.count == 5 && table.allSatisfy { $0.split(separator: "|").count == 6 }, "\(train.error)")
        #expect(table.filter { $0.contains("(chosen)") }.count == 1, "\(train.error)")
        let chosenLine = try #require(train.error.split(separator: "\n").first { $0.hasPrefix("edit defaults: ") })
        let words = chosenLine.split(separator: " ")
        let stop = chosenLine.hasPrefix("edit defaults: stop at p ≥ ") ? Float(words[6].trimmingCharacters(in: .punctuationCharacters)) : nil
        let budget = try #require(Int(words[stop == nil ? 2 : 9]), "\(chosenLine)")
        #expect((stop == nil || [0.9, 0.95, 0.97, 0.99].contains(stop!)) && [9, 14, 18, 27].contains(budget), "\(chosenLine)")
        let metadata = try readSafeTensors("\(run)/color.bundle.safetensors").metadata["gradctrl.bundle"] ?? ""
        let defaults = try #require((try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as? [String: Any])?["editDefaults"] as? [String: Any])
        #expect(defaults["steps"] as? Int == budget && (defaults["stopProbability"] as? Double).map(Float.init) == stop, "\(defaults)")

        let edits = directory.path("edits")
        let edit = try runProduct("Editor", ["--bundle", "\(run)/color.bundle.safetensors", "--to", "green",
                                             "--count", "3", "--steps", "4", "--out", edits], in: directory.url)
        #expect(edit.status == 0, "\(edit.error)")
        #expect(edit.output.contains("final images labelled green by the image labeller"))
        #expect(edit.output.contains("target probability p(green): "), "before and after, by the bundle's classifier")
        // With a stop rule, every latent's arrival, and the ones that did not arrive within the 4 steps asked for.
        let stopped = try runProduct("Editor", ["--bundle", "\(run)/color.bundle.safetensors", "--to", "green",
                                                "--count", "3", "--steps", "4", "--stop-at", "0.9", "--out", directory.path("stopped")],
                                     in: directory.url)
        #expect(stopped.output.contains("  arrival: ") && stopped.output.contains("reached p(green) ≥ 0.9"), "\(stopped.output)")
        #expect(edit.output.contains("  arrival: ") == (stop != nil), "\(edit.output)")
        let arrival = try String(contentsOfFile: directory.path("stopped/color-to-green.arrival.csv"), encoding: .utf8).split(separator: "\n")
        #expect(arrival.count == 4 && arrival[0] == "latent,arrived_at_step,final_probability")
        let notArrived = arrival.dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[1].isEmpty }.count
        #expect(notArrived == 0 || stopped.output.contains("\(notArrived) did not within 4 steps"), "\(stopped.output)")
        #expect(train.output.contains("samples per class (train/validation): dark "))
        let path = try readNpyTensor("\(edits)/color-to-green.npy")
        #expect(path.shape == [3, 5, 100])
        // A strip has one row per latent and a column for the original and each step, tiles at twice 64 px.
        let strip = try readPNG("\(edits)/color-to-green.png")
        let expected = makeGrid(tiles: [RGBImage](repeating: RGBImage(width: 64, height: 64), count: 15), columns: 5,
                                rowLabels: (0..<3).map { "#\($0) to green" },
                                columnHeaders: ["orig", "1", "2", "3", "4"], tileScale: 2)
        #expect(strip.width == expected.width && strip.height == expected.height)
        #expect(strip.width > 5 * 128 && strip.height > 3 * 128)
        #expect(FileManager.default.fileExists(atPath: "\(edits)/contact-sheet.png"))

        // The same edit with the generator served by the NumPy worker: the same paths, rendered and judged there.
        let workerEdits = directory.path("worker-edits")
        let viaWorker = try runProduct("Editor", ["--bundle", "\(run)/color.bundle.safetensors", "--to", "green",
                                                  "--count", "3", "--steps", "4", "--out", workerEdits,
                                                  "--generator", packageRoot.appendingPathComponent("tools/workers/numpy_dcgan.json").path],
                                       in: packageRoot)
        #expect(viaWorker.status == 0, "\(viaWorker.error)")
        #expect(try readNpyTensor("\(workerEdits)/color-to-green.npy") == path)
        #expect(viaWorker.output.contains("final images labelled green by the image labeller"))
        #expect(try readPNG("\(workerEdits)/color-to-green.png").width == strip.width)

        // A truncated bundle is refused with a message naming it.
        let bundle = try Data(contentsOf: URL(fileURLWithPath: "\(run)/color.bundle.safetensors"))
        let truncated = directory.path("truncated.safetensors")
        try bundle.prefix(bundle.count / 2).write(to: URL(fileURLWithPath: truncated))
        let refused = try runProduct("Editor", ["--bundle", truncated, "--out", edits], in: directory.url)
        #expect(refused.status != 0)
        #expect(refused.error.contains(truncated))

        // The dataset is reused, and a wrong --multiclass or an unknown attribute fail clearly.
        let mismatch = try runProduct("Trainer", ["--attribute", "color", "--multiclass", "3", "--count", "400", "--seed", "3",
                                                  "--out", checkpoints], in: directory.url)
        #expect(mismatch.status != 0)
        #expect(mismatch.error.contains("--multiclass: 3 does not match attribute 'color', which has 5 classes"))
        let unknown = try runProduct("Trainer", ["--attribute", "smile", "--count", "400", "--seed", "3", "--out", checkpoints],
                                     in: directory.url)
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("unknown attribute 'smile'; this dataset has: color, lightness, light_side, background"))
        let missing = try runProduct("Trainer", ["--attribute", "color", "--count", "400", "--seed", "3", "--out", checkpoints],
                                     in: directory.url)
        #expect(missing.status != 0)
        #expect(missing.error.contains("--multiclass: attribute 'color' has 5 classes (dark, neutral, warm, green, blue): give the class count 5"))

        // The same latents brought in as another generator's: the editor says why it writes no images and
        // warns about N(0, I) draws and the embedded generator's step defaults; --to takes a class index.
        let sampled = directory.path("data/dcgan-digiface-64-n400-s3")
        let lightness = try String(contentsOfFile: "\(sampled)/labels.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }
        let csv = try directory.write("index,face\n" + lightness.enumerated().map { "\($0.offset),\($0.element)\n" }.joined(),
                                      to: "face.csv")
        let external = directory.path("external")
        let imported = try runProduct("Dataset", ["import-latents", "--latents", "\(sampled)/latents.npy", "--labels", csv,
                                                  "--classes", "face=dark,light", "--out", external], in: directory.url)
        #expect(imported.status == 0, "\(imported.error)")
        let externalTrain = try runProduct("Trainer", ["--attribute", "face", "--dataset", external, "--protect", "none",
                                                       "--epochs", "4", "--out", directory.path("external-checkpoints")],
                                           in: directory.url)
        #expect(externalTrain.status == 0, "\(externalTrain.error)")
        let externalEdit = try runProduct("Editor", ["--bundle", directory.path("external-checkpoints/external/face/face.bundle.safetensors"),
                                                     "--to", "1", "--count", "3", "--out", directory.path("external-edits")],
                                          in: directory.url)
        #expect(externalEdit.status == 0, "\(externalEdit.error)")
        #expect(externalEdit.output.contains("face -> light: latents"))
        #expect(externalEdit.output.contains("no images written: the bundle's generator is external"))
        #expect(externalEdit.error.contains("warning: drawing latents from N(0, I)"))
        // The bundle's step is the space's own (7.5% of its latents' mean norm), so no warning about borrowed defaults.
        #expect(externalTrain.error.contains("edit step "), "\(externalTrain.error)")
        #expect(!externalEdit.error.contains("warning: using the step defaults measured on the embedded DCGAN"))
    }

    @Test("Render writes PNGs, a contact sheet and the images as .npy")
    func render() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let out = directory.path("renders")
        let result = try runProduct("Render", ["--count", "3", "--seed", "1", "--out", out, "--images-npy", "\(out)/images.npy"])
        #expect(result.status == 0, "\(result.error)")
        let images = try readNpyTensor("\(out)/images.npy")
        #expect(images.shape == [3, 3, 64, 64])
        #expect(images.storage.allSatisfy { $0 >= -1 && $0 <= 1 })
        #expect(try readPNG("\(out)/image-00002.png").width == 64)
        #expect(FileManager.default.fileExists(atPath: "\(out)/contact-sheet.png"))

        let bad = try directory.write("not an npy", to: "bad.npy")
        let refused = try runProduct("Render", ["--latents", bad, "--out", out])
        #expect(refused.status != 0)
        #expect(refused.error.contains(bad))
    }
}
