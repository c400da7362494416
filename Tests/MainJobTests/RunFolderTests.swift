import CommandTestSupport
import Dataset
import Diagnostics
import Export
import Foundation
import Generator
@testable import MainJob
import Labellers
import Testing
import Trainer

/// Every file under `folder` with its bytes, by path relative to `folder` (empty when nothing is there).
func filesWithBytes(in folder: String) -> [String: Data] {
    var files = [String: Data]()
    for case let relative as String in FileManager.default.enumerator(atPath: folder) ?? FileManager.default.enumerator(atPath: "/dev/null")! {
        let full = (folder as NSString).appendingPathComponent(relative)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
            files[relative] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

/// A 300-sample dataset of `lightness` and `light_side` sampled with `seed` into `path`.
private func sampleDataset(_ path: String, seed: UInt64) throws {
    _ = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                           labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: seed)
        .write(to: path)
}

/// `quickOptions` for `attribute` on the dataset in `dataset`, into `<folder>/checkpoints`.
private func options(_ attribute: String, dataset: String, folder: String) -> TrainAndExportOptions {
    var options = quickOptions(attribute, folder: folder)
    options.datasetFolder = dataset
    options.chooseArrival = false
    return options
}

@Suite("A folder per run: <out>/<dataset>/<attribute>/")
struct RunFolderTests {
    @Test("two runs on different datasets into the same output folder each keep their whole set; a run for another attribute too")
    func runsOnDifferentDatasets() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        try sampleDataset(folder + "/faces-a", seed: 6)
        try sampleDataset(folder + "/faces-b", seed: 7)
        let first = try trainAndExport(options("lightness", dataset: folder + "/faces-a", folder: folder)) { _ in }
        #expect(first.runFolder == folder + "/checkpoints/faces-a/lightness")
        #expect(first.bundlePath == folder + "/checkpoints/faces-a/lightness/lightness.bundle.safetensors")
        let firstSet = filesWithBytes(in: first.runFolder)
        #expect(Set(firstSet.keys).isSuperset(of: ["lightness.classifier.safetensors", "lightness-protects-light_side.classifier.safetensors",
                                                   "lightness.bundle.safetensors", "run.json", "reports/lightness.metrics.json"]),
                "\(firstSet.keys.sorted())")

        let second = try trainAndExport(options("lightness", dataset: folder + "/faces-b", folder: folder)) { _ in }
        #expect(second.runFolder == folder + "/checkpoints/faces-b/lightness")
        _ = try trainAndExport(options("light_side", dataset: folder + "/faces-a", folder: folder)) { _ in }
        #expect(filesWithBytes(in: first.runFolder) == firstSet)
        let secondSet = filesWithBytes(in: second.runFolder)
        #expect(secondSet["lightness.bundle.safetensors"] != nil && secondSet["lightness.bundle.safetensors"] != firstSet["lightness.bundle.safetensors"])
        #expect(FileManager.default.fileExists(atPath: folder + "/checkpoints/faces-a/light_side/light_side-protects-lightness.classifier.safetensors"))
        // Each run's manifest names its own dataset.
        let manifestBytes = try #require(secondSet["run.json"])
        let manifest = try #require(RunManifest.decoded(manifestBytes))
        #expect(manifest.dataset.path == folder + "/faces-b" && manifest.target == "lightness" && manifest.protected == ["light_side"])
        #expect(manifest.generator.identifier == DCGANGenerator.embeddedIdentifier)
        #expect(manifest.files == secondSet.keys.map { String($0.split(separator: "/")[0]) }.filter { $0 != "run.json" }.uniqued().sorted())
        // No leftovers beside the run folders.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/checkpoints/faces-a").sorted() == ["light_side", "lightness"])
    }

    @Test("a same-named dataset elsewhere is another run: refused without replace, its folder kept; replaced with it")
    func foreignRunIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        try sampleDataset(folder + "/set", seed: 6)
        try sampleDataset(folder + "/elsewhere/set", seed: 7)
        let first = try trainAndExport(options("lightness", dataset: folder + "/set", folder: folder)) { _ in }
        let firstSet = filesWithBytes(in: first.runFolder)
        var other = options("lightness", dataset: folder + "/elsewhere/set", folder: folder)
        #expect(throws: RunFolderTakenError.self) { _ = try trainAndExport(other) { _ in } }
        do { _ = try trainAndExport(other) { _ in } } catch let error as RunFolderTakenError {
            #expect(error.path == first.runFolder && error.problem.contains("holds another run's files ('lightness' on the dataset \(folder)/set"),
                    "\(error)")
        }
        #expect(filesWithBytes(in: first.runFolder) == firstSet)
        other.replace = true
        let replaced = try trainAndExport(other) { _ in }
        #expect(replaced.runFolder == first.runFolder)
        let manifest = try #require(RunManifest.decoded(try Data(contentsOf: URL(fileURLWithPath: first.runFolder + "/run.json"))))
        #expect(manifest.dataset.path == folder + "/elsewhere/set")
        #expect(filesWithBytes(in: first.runFolder)["lightness.bundle.safetensors"] != firstSet["lightness.bundle.safetensors"])
    }

    @Test("a new run on the same dataset replaces its own folder without asking, after the dataset gained labels too")
    func rerunReplacesItsOwnFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        try sampleDataset(folder + "/set", seed: 6)
        var run = options("lightness", dataset: folder + "/set", folder: folder)
        run.protected = ["light_side"]
        let first = try trainAndExport(run) { _ in }
        let firstSet = filesWithBytes(in: first.runFolder)
        // A hand-labelled attribute added: the labels, and so the dataset's SHA-256, change; the folder is the same.
        var dataset = try LabelledDataset.load(from: folder + "/set")
        let age = Attribute(name: "age", kind: .binary, classes: ["young", "old"], origin: .manual(file: "age.csv"))
        dataset = try dataset.setting(age, labels: (0..<dataset.count).map { Optional($0 % 2) })
        try dataset.save(to: folder + "/set")
        run.training = AttributeTrainingOptions(seed: 9)
        run.training.training.epochs = 2
        let second = try trainAndExport(run) { _ in }
        let secondSet = filesWithBytes(in: second.runFolder)
        #expect(second.runFolder == first.runFolder)
        #expect(Set(secondSet.keys) == Set(firstSet.keys))
        #expect(secondSet["lightness.classifier.safetensors"] != firstSet["lightness.classifier.safetensors"])
        let manifests = [firstSet, secondSet].compactMap { $0["run.json"].flatMap(RunManifest.decoded) }
        #expect(manifests.count == 2 && manifests[0].dataset.sha256 != manifests[1].dataset.sha256)
    }

    @Test("a file its run did not write keeps the folder from being replaced")
    func unknownFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        try sampleDataset(folder + "/set", seed: 6)
        let run = options("lightness", dataset: folder + "/set", folder: folder)
        let first = try trainAndExport(run) { _ in }
        try Data("mine".utf8).write(to: URL(fileURLWithPath: first.runFolder + "/notes.txt"))
        let before = filesWithBytes(in: first.runFolder)
        #expect(throws: RunFolderTakenError.self) { _ = try trainAndExport(run) { _ in } }
        #expect(filesWithBytes(in: first.runFolder) == before)
    }
}

@Suite("Which folders a run may replace")
struct RunFolderProblemTests {
    let manifest = RunManifest(target: "color", multiclass: 5, protected: ["lightness"], datasetPath: "data/set",
                               datasetSHA256: String(repeating: "a", count: 64), samples: 10,
                               generator: "dcgan-digiface-64", generatorSHA256: "b")

    /// A folder holding `manifest` (with `files` listed and written) and `extra` files.
    func folder(_ directory: TemporaryDirectory, manifest: RunManifest, files: [String], extra: [String] = []) throws -> String {
        let path = directory.path("run")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var listed = manifest
        listed.files = files
        try listed.encoded().write(to: URL(fileURLWithPath: path + "/run.json"))
        for name in files + extra { try Data(name.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
        return path
    }

    @Test("nothing, an empty folder, or the same run's own files may be replaced")
    func replaceable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect(runFolderProblem(directory.path("none"), for: manifest) == nil)
        try FileManager.default.createDirectory(atPath: directory.path("empty"), withIntermediateDirectories: true)
        #expect(runFolderProblem(directory.path("empty"), for: manifest) == nil)
        var same = manifest
        same.dataset.path = "./data/../data/set"
        same.dataset.sha256 = String(repeating: "c", count: 64)
        #expect(runFolderProblem(try folder(directory, manifest: same, files: ["color.bundle.safetensors"]), for: manifest) == nil)
        var copy = manifest
        copy.dataset.path = "/elsewhere/set"
        #expect(runFolderProblem(try folder(directory, manifest: copy, files: ["color.bundle.safetensors"]), for: manifest) == nil)
    }

    @Test("a file, files without a manifest, another run's manifest, or unknown files are refused",
          arguments: ["file", "no manifest", "another target", "another generator", "another dataset", "unknown file"])
    func refused(_ kind: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var other = manifest
        var extra = [String]()
        switch kind {
        case "another target": other.target = "lightness"
        case "another generator": other.generator.checkpointSHA256 = "d"
        case "another dataset":
            other.dataset.path = "elsewhere/set"
            other.dataset.sha256 = String(repeating: "e", count: 64)
        case "unknown file": extra = ["notes.txt"]
        default: break
        }
        var path = try folder(directory, manifest: other, files: ["color.bundle.safetensors"], extra: extra)
        if kind == "no manifest" { try FileManager.default.removeItem(atPath: path + "/run.json") }
        if kind == "file" { path = try directory.write("x", to: "plain") }
        let problem = try #require(runFolderProblem(path, for: manifest))
        let expected = ["file": "is a file", "no manifest": "no run manifest", "another target": "holds another run's files ('lightness'",
                        "another generator": "holds another run's files", "another dataset": "on the dataset elsewhere/set",
                        "unknown file": "did not write: notes.txt"][kind]!
        #expect(problem.contains(expected), "\(problem)")
        #expect(throws: RunFolderTakenError.self) { try checkRunFolder(path, for: manifest, replace: false) }
        try checkRunFolder(path, for: manifest, replace: true)
    }

    @Test("the run folder is <out>/<dataset folder's name>/<target>; a name that is not a safe file name is refused")
    func runFolderNames() throws {
        #expect(try RunFiles.runFolder(output: "checkpoints", dataset: "data/faces/", target: "color") == "checkpoints/faces/color")
        #expect(try RunFiles.runFolder(output: "out", dataset: "data/a/../b", target: "smile") == "out/b/smile")
        #expect(throws: FileError.self) { try RunFiles.runFolder(output: "out", dataset: "data/my set", target: "smile") }
        #expect(throws: FileError.self) { try RunFiles.runFolder(output: "out", dataset: "/", target: "smile") }
        #expect(throws: FileError.self) { try RunFiles.runFolder(output: "out", dataset: "data/.hidden", target: "smile") }
    }

    @Test("the README's and the Editor's path of the main job's bundle is where the main job writes it")
    func documentedPath() throws {
        let dataset = DatasetFiles.defaultFolder(generator: DCGANGenerator.embeddedIdentifier, count: TrainAndExportOptions.defaultCount,
                                                 seed: 0)
        let folder = try RunFiles.runFolder(output: TrainAndExportOptions(attribute: "color").outputFolder, dataset: dataset, target: "color")
        let bundle = RunFiles(folder: folder, target: "color", protected: []).bundlePath
        #expect(bundle == "checkpoints/dcgan-digiface-64-n20000-s0/color/color.bundle.safetensors")
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run Editor --bundle \(bundle) --to green"))
        let editor = try String(contentsOf: packageRoot.appendingPathComponent("Sources/Commands/Editor/EditorCommand.swift"), encoding: .utf8)
        #expect(editor.contains("    " + bundle + "\n"))
    }

    @Test("the manifest's bytes depend only on what made the run, and read back the same")
    func manifestBytes() throws {
        let bytes = try manifest.encoded()
        #expect(try manifest.encoded() == bytes)
        #expect(RunManifest.decoded(bytes) == manifest)
        #expect(RunManifest.decoded(Data("{\"kind\": \"other\"}".utf8)) == nil)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"path\" : \"data/set\"") && text.hasSuffix("}\n"), "\(text)")
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, in first-seen order.
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
