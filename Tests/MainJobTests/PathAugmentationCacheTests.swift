import Dataset
import Foundation
import Generator
@testable import MainJob
import Labellers
import Testing
import Trainer

@Suite("Path augmentation's rows cached beside the dataset")
struct PathAugmentationCacheTests {
    /// A fresh folder holding a 300-sample dataset of `lightness` and `light_side` in `set/`; removed by `cleanUp`.
    struct Workspace {
        let folder: String
        var dataset: String { folder + "/set" }
        var cache: String { folder + "/set.path-augmentation" }
        var bundle: String { folder + "/checkpoints/set/lightness/lightness.bundle.safetensors" }

        init() throws {
            folder = NSTemporaryDirectory() + "gradctrl-path-cache-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                                   labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: 3)
                .write(to: dataset)
        }

        /// The main job for `lightness` (protecting `light_side`) with 20 path latents and 2 epochs: its log and
        /// its bundle's bytes.
        func run(labelledSteps: [Int] = [3, 6, 9]) throws -> (lines: [String], bundle: Data) {
            var options = TrainAndExportOptions(attribute: "lightness", multiclass: nil)
            options.datasetFolder = dataset
            options.outputFolder = folder + "/checkpoints"
            options.training.training.epochs = 2
            options.pathAugmentation = PathAugmentation(latents: 20, labelledSteps: labelledSteps)
            options.heldOutLatents = 50
            options.chooseArrival = false
            var lines = [String]()
            _ = try trainAndExport(options) { lines.append($0) }
            return (lines.filter { $0.hasPrefix("path augmentation") }, try Data(contentsOf: URL(fileURLWithPath: bundle)))
        }

        /// The key folders in the cache.
        func keys() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test("the second run reuses the rows, says so in one line, and writes the same bundle bytes as the first")
    func reuseGivesTheSameBundle() throws {
        let workspace = try Workspace()
        defer { workspace.cleanUp() }
        let first = try workspace.run()
        #expect(first.lines.count == 1 && first.lines[0].contains("60 points labelled") && first.lines[0].contains("; cached in "),
                "\(first.lines)")
        let keys = workspace.keys()
        #expect(keys.count == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.cache + "/" + keys[0]).sorted()
        #expect(files == ["labels.csv", "latents.npy", "manifest.json", "scores.npy"])
        // Nothing was written into the dataset folder: it stays the workbench's own, replaceable as before.
        #expect(replacementProblem(at: workspace.dataset) == nil)
        let second = try workspace.run()
        #expect(second.lines.count == 1, "\(second.lines)")
        #expect(second.lines.first?.hasPrefix("path augmentation: reused the 60 labelled points of \(workspace.cache)/\(keys[0]) (") == true,
                "\(second.lines)")
        #expect(second.bundle == first.bundle, "the bundle differs with the cached rows")
    }

    @Test("a changed setting makes other rows; a corrupted or partial cache is refused and made again, same bundle")
    func changedOrDamagedRowsAreRemade() throws {
        let workspace = try Workspace()
        defer { workspace.cleanUp() }
        let first = try workspace.run()
        let key = try #require(workspace.keys().first)
        let changed = try workspace.run(labelledSteps: [9])
        #expect(changed.lines.count == 1 && changed.lines[0].contains("20 points labelled") && changed.lines[0].contains("cached in"),
                "\(changed.lines)")
        #expect(workspace.keys().count == 2 && workspace.keys().contains(key))
        #expect(changed.bundle != first.bundle)

        // One flipped byte in the latents: refused by its SHA-256, made again, the same bundle as the first run.
        let latents = workspace.cache + "/" + key + "/latents.npy"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: latents))
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: latents))
        let corrupted = try workspace.run()
        #expect(corrupted.lines.count == 2, "\(corrupted.lines)")
        #expect(corrupted.lines.first?.contains("refused the cached rows in \(workspace.cache)/\(key) (latents.npy does not have the SHA-256") == true,
                "\(corrupted.lines)")
        #expect(corrupted.lines.last?.contains("cached in") == true)
        #expect(corrupted.bundle == first.bundle)
        #expect(try workspace.run().lines.first?.contains("reused") == true)

        // A key folder missing a file, or whose manifest is cut short: refused, made again.
        try FileManager.default.removeItem(atPath: workspace.cache + "/" + key + "/scores.npy")
        let partial = try workspace.run()
        #expect(partial.lines.first?.contains("refused the cached rows") == true && partial.bundle == first.bundle, "\(partial.lines)")
        let manifest = workspace.cache + "/" + key + "/manifest.json"
        let text = try Data(contentsOf: URL(fileURLWithPath: manifest))
        try text.prefix(text.count / 2).write(to: URL(fileURLWithPath: manifest))
        let cut = try workspace.run()
        #expect(cut.lines.first?.contains("refused the cached rows") == true && cut.bundle == first.bundle, "\(cut.lines)")
        #expect(try workspace.run().lines.first?.contains("reused") == true)
    }

    @Test("rows of a dataset that has since changed are removed when new rows are written; rows of other recipes stay")
    func staleRowsAreRemoved() throws {
        let workspace = try Workspace()
        defer { workspace.cleanUp() }
        _ = try workspace.run()
        _ = try workspace.run(labelledSteps: [9])
        let old = workspace.keys()
        #expect(old.count == 2)
        // The same folder sampled again with another seed: other latents, another fingerprint.
        _ = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                               labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: 4)
            .write(to: workspace.dataset)
        let run = try workspace.run()
        #expect(run.lines.first?.contains("cached in") == true, "\(run.lines)")
        let now = workspace.keys()
        #expect(now.count == 1 && !old.contains(now[0]), "\(old) -> \(now)")
    }

    @Test("a dataset folder holding a person's entries gets no cache, and nothing is written beside it")
    func handMadeFoldersAreLeftAlone() throws {
        let workspace = try Workspace()
        defer { workspace.cleanUp() }
        let notes = workspace.dataset + "/notes.txt"
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: notes))
        let problem = try #require(replacementProblem(at: workspace.dataset))
        let run = try workspace.run()
        #expect(run.lines.count == 1 && run.lines[0].hasSuffix("; not cached: the dataset folder \(workspace.dataset) \(problem), so nothing is written beside it"),
                "\(run.lines)")
        #expect(!FileManager.default.fileExists(atPath: workspace.cache))
        #expect(replacementProblem(at: workspace.dataset) == problem)
        // The rows made without the cache are the ones the cache would hold: the same bundle once the notes go.
        try FileManager.default.removeItem(atPath: notes)
        let cached = try workspace.run()
        #expect(cached.lines.first?.contains("cached in") == true && cached.bundle == run.bundle)
    }

    @Test("a cache folder holding entries the workbench did not write is not used")
    func foreignCacheFolder() throws {
        let workspace = try Workspace()
        defer { workspace.cleanUp() }
        try FileManager.default.createDirectory(atPath: workspace.cache + "/mine", withIntermediateDirectories: true)
        let run = try workspace.run()
        #expect(run.lines.first?.hasSuffix("; not cached: \(workspace.cache) holds mine, which the workbench did not write") == true,
                "\(run.lines)")
        #expect(workspace.keys() == ["mine"])
    }
}
