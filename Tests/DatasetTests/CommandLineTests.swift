import Dataset
import Foundation
import Testing

/// Runs the built `Dataset` executable with `arguments` from the package root.
func runDataset(_ arguments: [String]) throws -> CommandResult {
    try runProduct("Dataset", arguments)
}

@Suite("The Dataset command end to end")
struct CommandLineTests {
    @Test("sample, stats, sheet, import-labels (good and bad), import-latents")
    func workflow() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.path("d")

        let sample = try runDataset(["sample", "--count", "24", "--seed", "2", "--batch", "8", "--out", folder])
        #expect(sample.status == 0, "\(sample.error)")
        #expect(sample.output.contains("wrote 24 samples to \(folder)"))
        let dataset = try LabelledDataset.load(from: folder)
        #expect(dataset.count == 24 && dataset.manifest.attributes.map(\.name) == ["color", "lightness", "light_side", "background"])
        #expect(sample.error.isEmpty, "no progress line when stderr is not a terminal")

        let stats = try runDataset(["stats", "--dataset", folder])
        #expect(stats.status == 0 && stats.output.contains("24 samples"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/stats.png"))

        let sheet = try runDataset(["sheet", "--dataset", folder, "--indices", "0-5,9", "--attribute", "smile", "--classes", "no,yes"])
        #expect(sheet.status == 0, "\(sheet.error)")
        let template = "\(folder)/curation/smile-labels.csv"
        #expect(try String(contentsOfFile: template, encoding: .utf8) == "index,smile\n0,\n1,\n2,\n3,\n4,\n5,\n9,\n")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/curation/smile-sheet.png"))

        let labelsBefore = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/labels.csv"))
        let bad = try directory.write("index,smile\n0,1\n30,0\n1,5\n", to: "bad.csv")
        let refused = try runDataset(["import-labels", "--dataset", folder, "--csv", bad, "--attribute", "smile", "--classes", "no,yes"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("\(bad): 2 bad lines, nothing imported: line 3: index 30 is not in the dataset"))
        #expect(refused.error.contains("line 4: smile: class 5 is out of range"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/labels.csv")) == labelsBefore)

        try Data("index,smile\n0,1\n1,no\n9,yes\n".utf8).write(to: URL(fileURLWithPath: template))
        let imported = try runDataset(["import-labels", "--dataset", folder, "--csv", template, "--attribute", "smile", "--classes", "no,yes"])
        #expect(imported.status == 0, "\(imported.error)")
        let updated = try LabelledDataset.load(from: folder)
        #expect(updated.labels[4].prefix(10) == [1, 0, nil, nil, nil, nil, nil, nil, nil, 1])
        #expect(updated.labels.prefix(4) == dataset.labels.prefix(4))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/curation/smile-sheet.png"), "curation files are carried over")

        let external = try runDataset(["import-latents", "--latents", "\(folder)/latents.npy", "--labels", template,
                                       "--classes", "smile=no,yes", "--out", directory.path("ext")])
        #expect(external.status == 0, "\(external.error)")
        #expect(try LabelledDataset.load(from: directory.path("ext")).manifest.isExternal)
        // Importing over a hand-labelled dataset is refused without --force; nothing is lost.
        let over = try runDataset(["import-latents", "--latents", "\(folder)/latents.npy", "--out", folder])
        #expect(over.status == 1 && over.error.contains("pass --force to replace it"), "\(over.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/curation/smile-sheet.png"))

        let zero = try runDataset(["sample", "--count", "0", "--out", directory.path("zero")])
        #expect(zero.status != 0 && zero.error.contains("--count: must be between 1 and 10000000, is 0"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("zero")))
    }
}
