import CommandTestSupport
import Foundation
import GeneratorBridge
import NumericCore
import TensorFormats
import Testing

/// W space and W+ layer ranges, end to end, on the stand-in style-based generator (a StyleGAN2-shaped network with
/// random weights: no real StyleGAN can be fetched here).
@Suite("W space and layer ranges with a style-based worker", .serialized)
struct StyleLayerTests {
    static let spec = packageRoot.appendingPathComponent("tools/workers/stylegan_standin.json").path

    @Test("sample in W → label → train with layers 2:4 in the bundle → edit: those layers move, every other layer keeps w0 exactly")
    func layerRangeEdit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("w-set"), checkpoints = directory.path("checkpoints"), edits = directory.path("edits")
        let sample = try runProduct("Dataset", ["sample", "--generator", Self.spec, "--count", "600", "--labellers", "light_side,color",
                                                "--out", data])
        #expect(sample.status == 0, "\(sample.error)")
        #expect(try readNpyTensor("\(data)/latents.npy").shape == [600, 32], "w codes, D = 32")
        #expect(try String(contentsOfFile: "\(data)/manifest.json", encoding: .utf8).contains("\"identifier\" : \"stylegan-standin-s0-w\""))
        let train = try runProduct("Trainer", ["--attribute", "light_side", "--dataset", data, "--protect", "color",
                                               "--epochs", "20", "--layers", "2:4", "--out", checkpoints])
        #expect(train.status == 0, "\(train.error)")
        // The bundle's layer range applies without --layers.
        let edit = try runProduct("Editor", ["--generator", Self.spec, "--bundle", "\(checkpoints)/w-set/light_side/light_side.bundle.safetensors",
                                             "--to", "left", "--count", "4", "--steps", "4", "--out", edits],
                                  in: packageRoot)
        #expect(edit.status == 0, "\(edit.error)")
        #expect(edit.output.contains("final images labelled left by the image labeller"), "\(edit.output)")
        let path = try readNpyTensor("\(edits)/light_side-to-left.npy")
        let codes = try readNpyTensor("\(edits)/light_side-to-left.wplus.npy")
        #expect(path.shape == [4, 5, 32] && codes.shape == [4, 5, 10, 32])
        var wrong = 0
        for n in 0..<4 {
            for t in 0..<5 {
                for layer in 0..<10 {
                    let source = (2..<4).contains(layer) ? t : 0
                    let code = Array(codes.storage[(((n * 5 + t) * 10 + layer) * 32)..<(((n * 5 + t) * 10 + layer + 1) * 32)])
                    if code != Array(path.storage[((n * 5 + source) * 32)..<((n * 5 + source + 1) * 32)]) { wrong += 1 }
                }
            }
            #expect(path.storage[((n * 5 + 4) * 32)..<((n * 5 + 5) * 32)] != path.storage[(n * 5 * 32)..<((n * 5 + 1) * 32)],
                    "latent \(n) moved")
        }
        #expect(wrong == 0, "\(wrong) W+ layers hold the wrong code")
        // The rendered images change: the first and last W+ codes of a path, through the worker.
        let worker = try WorkerGenerator(spec: WorkerSpec(file: Self.spec))
        defer { worker.stop() }
        let ends = Tensor(shape: [2, 10, 32], storage: Array(codes.storage[0..<(10 * 32)]) + Array(codes.storage[(4 * 10 * 32)..<(5 * 10 * 32)]))
        let images = try worker.render(styleCodes: ends)
        let size = images.storage.count / 2
        let change = zip(images.storage[0..<size], images.storage[size...]).map { abs($0 - $1) }.reduce(0, +) / Float(size)
        #expect(change > 1e-3, "mean pixel change \(change)")
        // Layer ranges need a style-based worker, and must fit its layers.
        let embedded = try runProduct("Editor", ["--bundle", "\(checkpoints)/w-set/light_side/light_side.bundle.safetensors", "--layers", "2:4", "--out", edits])
        #expect(embedded.status == 1 && embedded.error.contains("--layers needs --generator SPEC"), "\(embedded.error)")
        let outside = try runProduct("Editor", ["--generator", Self.spec, "--bundle", "\(checkpoints)/w-set/light_side/light_side.bundle.safetensors",
                                                "--layers", "8:12", "--out", edits], in: packageRoot)
        #expect(outside.status == 1 && outside.error.contains("--layers: 8:12 is not a non-empty range inside the generator's layers 0:10"),
                "\(outside.error)")
    }

    @Test("Trainer --layers auto chooses the range through the worker and stores it; the flags that need a worker say so")
    func automaticLayerChoice() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let data = directory.path("w-set"), checkpoints = directory.path("checkpoints")
        let sample = try runProduct("Dataset", ["sample", "--generator", Self.spec, "--count", "400", "--labellers", "light_side,color",
                                                "--out", data])
        #expect(sample.status == 0, "\(sample.error)")
        let train = try runProduct("Trainer", ["--attribute", "light_side", "--dataset", data, "--protect", "color", "--epochs", "10",
                                               "--generator", Self.spec, "--layers", "auto", "--out", checkpoints], in: packageRoot)
        #expect(train.status == 0, "\(train.error)")
        #expect(train.error.contains("path augmentation: 40 latents edited toward each class of light_side"), "rendered through the worker")
        let chosen = train.error.split(separator: "\n").first { $0.hasPrefix("W+ layers ") && $0.contains(" chosen; ") }
        #expect(chosen != nil, "\(train.error)")
        let bundle = try readSafeTensors("\(checkpoints)/w-set/light_side/light_side.bundle.safetensors")
        #expect(bundle.metadata["gradctrl.bundle"]?.contains("\"styleLayers\":[") == true)
        let noWorker = try runProduct("Trainer", ["--attribute", "light_side", "--dataset", data, "--layers", "auto", "--out", checkpoints])
        #expect(noWorker.status == 1 && noWorker.error.contains("--layers auto needs --generator SPEC"), "\(noWorker.error)")
        let noDataset = try runProduct("Trainer", ["--attribute", "light_side", "--generator", Self.spec, "--out", checkpoints])
        #expect(noDataset.status == 1 && noDataset.error.contains("--generator goes with --dataset"), "\(noDataset.error)")
        let wrongWorker = try runProduct("Trainer", ["--attribute", "light_side", "--dataset", data, "--out", checkpoints, "--generator",
                                                     packageRoot.appendingPathComponent("tools/workers/numpy_dcgan.json").path],
                                         in: packageRoot)
        #expect(wrongWorker.status == 1 && wrongWorker.error.contains("but the generator given is dcgan-digiface-64"), "\(wrongWorker.error)")
    }
}
