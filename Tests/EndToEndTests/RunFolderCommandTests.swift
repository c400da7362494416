import CommandTestSupport
import Foundation
import Testing

@Suite("The Trainer's run folders, as a user runs it")
struct RunFolderCommandTests {
    /// The Trainer's arguments for a quick `lightness` run on `dataset` into `out`.
    func trainer(_ dataset: String, out: String, _ extra: [String] = []) -> [String] {
        ["--attribute", "lightness", "--dataset", dataset, "--protect", "background", "--epochs", "2", "--path-latents", "0",
         "--fixed-steps", "--out", out] + extra
    }

    /// `Dataset sample` of 300 latents labelled for lightness and background with `seed` into `path`.
    func sample(_ path: String, seed: Int, in directory: TemporaryDirectory) throws {
        let sampled = try runProduct("Dataset", ["sample", "--count", "300", "--seed", "\(seed)", "--labellers", "lightness,background",
                                                 "--out", path], in: directory.url)
        try #require(sampled.status == 0, "\(sampled.error)")
    }

    @Test("two runs on different datasets into the same --out leave both runs' files intact, and print their bundle's path")
    func twoDatasets() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try sample(directory.path("faces-a"), seed: 1, in: directory)
        try sample(directory.path("faces-b"), seed: 2, in: directory)
        let out = directory.path("checkpoints")
        let first = try runProduct("Trainer", trainer(directory.path("faces-a"), out: out), in: directory.url)
        #expect(first.status == 0, "\(first.error)")
        let firstFolder = "\(out)/faces-a/lightness"
        #expect(first.output.contains("bundle:      \(firstFolder)/lightness.bundle.safetensors"), "\(first.output)")
        let before = try #require(snapshot(firstFolder))
        #expect(Set(before.keys).isSuperset(of: ["lightness.bundle.safetensors", "lightness.classifier.safetensors",
                                                 "lightness-protects-background.classifier.safetensors", "run.json"]))
        let second = try runProduct("Trainer", trainer(directory.path("faces-b"), out: out), in: directory.url)
        #expect(second.status == 0, "\(second.error)")
        #expect(second.output.contains("bundle:      \(out)/faces-b/lightness/lightness.bundle.safetensors"), "\(second.output)")
        #expect(snapshot(firstFolder) == before)
        let secondSet = try #require(snapshot("\(out)/faces-b/lightness"))
        #expect(Set(secondSet.keys) == Set(before.keys))
        #expect(secondSet["lightness.bundle.safetensors"] != before["lightness.bundle.safetensors"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["faces-a", "faces-b"])
    }

    @Test("a run whose folder holds another run's files refuses with one line naming it; --replace replaces it")
    func refusalAndReplace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try sample(directory.path("set"), seed: 1, in: directory)
        try sample(directory.path("elsewhere/set"), seed: 2, in: directory)
        let out = directory.path("checkpoints")
        let folder = "\(out)/set/lightness"
        #expect(try runProduct("Trainer", trainer(directory.path("set"), out: out), in: directory.url).status == 0)
        let before = try #require(snapshot(folder))

        // A same-named dataset elsewhere: another run's folder.
        let refused = try runProduct("Trainer", trainer(directory.path("elsewhere/set"), out: out), in: directory.url)
        #expect(refused.status == 1)
        let errors = refused.error.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
        #expect(errors.count == 1 && errors[0].hasPrefix("Error: \(folder): holds another run's files ('lightness' on the dataset \(directory.path("set"))")
                && errors[0].hasSuffix("it is kept (--replace replaces it, or choose another --out)"), "\(refused.error)")
        #expect(!refused.error.contains("training lightness"), "refused before training: \(refused.error)")
        #expect(snapshot(folder) == before)

        // --force (export below the baseline) is not the permission to replace.
        let forced = try runProduct("Trainer", trainer(directory.path("elsewhere/set"), out: out, ["--force"]), in: directory.url)
        #expect(forced.status == 1 && snapshot(folder) == before, "\(forced.error)")

        let replaced = try runProduct("Trainer", trainer(directory.path("elsewhere/set"), out: out, ["--replace"]), in: directory.url)
        #expect(replaced.status == 0, "\(replaced.error)")
        let after = try #require(snapshot(folder))
        #expect(after["lightness.bundle.safetensors"] != before["lightness.bundle.safetensors"])
        let manifestBytes = try #require(after["run.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
        #expect((manifest["dataset"] as? [String: Any])?["path"] as? String == directory.path("elsewhere/set"), "\(manifest)")

        // The same dataset again: its own folder now, replaced without asking.
        let again = try runProduct("Trainer", trainer(directory.path("elsewhere/set"), out: out, ["--seed", "5"]), in: directory.url)
        #expect(again.status == 0, "\(again.error)")
        #expect(snapshot(folder)?["lightness.classifier.safetensors"] != after["lightness.classifier.safetensors"])
    }
}
