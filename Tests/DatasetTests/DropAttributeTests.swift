import Dataset
import Foundation
import NumericCore
import Testing

@Suite("Dropping an attribute")
struct DropAttributeTests {
    /// The synthetic dataset (automatic "b" and "m") with the hand-labelled attribute "smile" (samples 0, 1, 4).
    func datasetWithSmile() throws -> LabelledDataset {
        let base = try syntheticDataset(margins: [0.5, -0.2, 0.3, -0.1, 0.2, 0.4], multi: [0, 1, 2, 0, nil, 2],
                                        strength: [0.9, 0.5, 0.6, 0.7, 0.8, 0.9])
        return try base.importingLabels(csv: "index,smile\n0,yes\n1,no\n4,yes\n", path: "smile.csv", attribute: "smile",
                                        classes: ["no", "yes"], kind: nil, replace: false).dataset
    }

    /// The bytes of every file under `folder`, by relative path.
    func contents(_ folder: String) throws -> [String: Data] {
        var files = [String: Data]()
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let entry = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = "\(folder)/\(entry)"
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[entry] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    @Test("in memory: the attribute, its labels and its score columns go; the others' scores move down unchanged")
    func droppingInMemory() throws {
        let dataset = try datasetWithSmile()
        let withoutB = try dataset.dropping("b")
        #expect(withoutB.manifest.attributes.map(\.name) == ["m", "smile"])
        #expect(withoutB.labels == [dataset.labels[1], dataset.labels[2]])
        #expect(withoutB.manifest.attributes[0].scores == ScoreColumns(first: 0, count: 3, meaning: "confidence"))
        #expect(withoutB.scores?.shape == [6, 3])
        for sample in 0..<6 {
            #expect(withoutB.scores(of: withoutB.manifest.attributes[0], sample: sample)
                    == dataset.scores(of: dataset.manifest.attributes[1], sample: sample))
        }
        let withoutM = try dataset.dropping("m")
        #expect(withoutM.manifest.attributes.map(\.name) == ["b", "smile"])
        #expect(withoutM.scores?.shape == [6, 1])
        #expect(withoutM.scores?.storage == (0..<6).map { dataset.scores!.storage[$0 * 4] })
        let onlySmile = try withoutM.dropping("b")
        #expect(onlySmile.scores == nil && onlySmile.manifest.scoreColumnCount == 0)
        #expect(thrownDescription { _ = try onlySmile.dropping("smile") }?
                    .hasSuffix("'smile' is the dataset's only attribute; a dataset keeps at least one") == true)
        #expect(thrownDescription { _ = try dataset.dropping("age") }?
                    .hasSuffix("no attribute 'age' in the dataset (it has b, m, smile)") == true)
    }

    @Test("the backup is named after the attribute and never written over")
    func backupNames() {
        #expect(DatasetFiles.droppedLabelsBackup("smile") { _ in false } == "dropped-smile.labels.csv")
        let taken: Set = ["dropped-smile.labels.csv", "dropped-smile.2.labels.csv"]
        #expect(DatasetFiles.droppedLabelsBackup("smile") { taken.contains($0) } == "dropped-smile.3.labels.csv")
    }

    @Test("on disk: manifest, labels.csv, scores.npy and its curation files change; hand labels go to a backup that reads back; other entries stay")
    func droppingOnDisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.path("d")
        let dataset = try datasetWithSmile()
        try dataset.save(to: folder)
        try FileManager.default.createDirectory(atPath: "\(folder)/curation", withIntermediateDirectories: true)
        try Data("png".utf8).write(to: URL(fileURLWithPath: "\(folder)/curation/smile-sheet.png"))
        try Data("index,smile\n0,yes\n1,\n".utf8).write(to: URL(fileURLWithPath: "\(folder)/curation/smile-labels.csv"))
        try Data("other".utf8).write(to: URL(fileURLWithPath: "\(folder)/curation/b-sheet.png"))
        try Data("notes".utf8).write(to: URL(fileURLWithPath: "\(folder)/notes.txt"))

        let dropped = try dropAttribute("smile", from: folder)
        #expect(dropped.attribute.name == "smile" && dropped.labelCount == 3)
        #expect(dropped.backup == "\(folder)/dropped-smile.labels.csv")
        #expect(dropped.removedCurationFiles.count == 2)
        let after = try LabelledDataset.load(from: folder)
        #expect(after.manifest.attributes.map(\.name) == ["b", "m"])
        #expect(after.labels == Array(dataset.labels.prefix(2)))
        #expect(after.scores == dataset.scores)
        #expect(try String(contentsOfFile: "\(folder)/labels.csv", encoding: .utf8).hasPrefix("index,b,m\n"))
        #expect(try String(contentsOfFile: "\(folder)/dropped-smile.labels.csv", encoding: .utf8)
                == "index,smile\n0,yes\n1,no\n4,yes\n")
        let files = try contents(folder)
        #expect(files["curation/smile-sheet.png"] == nil && files["curation/smile-labels.csv"] == nil)
        #expect(files["curation/b-sheet.png"] == Data("other".utf8) && files["notes.txt"] == Data("notes".utf8))

        // The backup imports back; a second drop of the same name keeps the first backup and writes another.
        let text = try String(contentsOfFile: "\(folder)/dropped-smile.labels.csv", encoding: .utf8)
        let restored = try after.importingLabels(csv: text, path: "backup", attribute: "smile", classes: ["no", "yes"],
                                                 kind: nil, replace: false).dataset
        #expect(restored.labels[2] == dataset.labels[2])
        try restored.save(to: folder, keepingExtraEntriesFrom: folder)
        let second = try dropAttribute("smile", from: folder)
        #expect(second.backup == "\(folder)/dropped-smile.2.labels.csv")
        #expect(try String(contentsOfFile: "\(folder)/dropped-smile.labels.csv", encoding: .utf8) == text)
        #expect(try String(contentsOfFile: "\(folder)/dropped-smile.2.labels.csv", encoding: .utf8) == text)

        // An automatic attribute: its score columns go, its labels to a backup as well.
        let withoutB = try dropAttribute("b", from: folder)
        #expect(withoutB.backup == "\(folder)/dropped-b.labels.csv" && withoutB.labelCount == 6)
        let onlyM = try LabelledDataset.load(from: folder)
        #expect(onlyM.scores?.shape == [6, 3] && onlyM.manifest.attributes[0].scores?.first == 0)
        #expect(onlyM.scores?.storage == (0..<6).flatMap { row in (1..<4).map { dataset.scores!.storage[row * 4 + $0] } })

        // An attribute without a single label: nothing to keep, so no backup.
        let age = Attribute(name: "age", kind: .binary, classes: ["young", "old"], origin: .manual(file: "age.csv"))
        try onlyM.setting(age, labels: [Int?](repeating: nil, count: 6)).save(to: folder, keepingExtraEntriesFrom: folder)
        let empty = try dropAttribute("age", from: folder)
        #expect(empty.backup == nil && empty.labelCount == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/dropped-age.labels.csv"))
    }

    @Test("an unknown attribute, the only attribute and a template holding unimported labels are refused in one line naming the path; nothing changes")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.path("d")
        let dataset = try datasetWithSmile()
        try dataset.save(to: folder)
        try FileManager.default.createDirectory(atPath: "\(folder)/curation", withIntermediateDirectories: true)
        let template = "\(folder)/curation/smile-labels.csv"
        try Data("index,smile\n0,yes\n2,no\n3,1\n".utf8).write(to: URL(fileURLWithPath: template))
        let before = try contents(folder)

        let unknown = thrownDescription { _ = try dropAttribute("age", from: folder) }
        #expect(unknown == "\(folder): no attribute 'age' in the dataset (it has b, m, smile)")
        let work = thrownDescription { _ = try dropAttribute("smile", from: folder) }
        #expect(work?.hasPrefix("\(template): holds 2 label(s) of 'smile' that the dataset does not have") == true, "\(work ?? "")")
        #expect(try contents(folder) == before)

        try dataset.dropping("smile").dropping("m").save(to: folder)
        let last = thrownDescription { _ = try dropAttribute("b", from: folder) }
        #expect(last == "\(folder): 'b' is the dataset's only attribute; a dataset keeps at least one")
        for message in [unknown, work, last] { #expect(message?.contains("\n") == false) }
    }

    @Test("Dataset drop-attribute from the command line: one line on success and on refusal, and the backup imports back")
    func commandLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.path("d")
        let dataset = try datasetWithSmile()
        try dataset.save(to: folder)

        let unknown = try runDataset(["drop-attribute", "--dataset", folder, "--attribute", "age"])
        #expect(unknown.status != 0)
        #expect(unknown.error.contains("\(folder): no attribute 'age'"), "\(unknown.error)")
        #expect(unknown.error.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1, "\(unknown.error)")

        let dropped = try runDataset(["drop-attribute", "--dataset", folder, "--attribute", "smile"])
        #expect(dropped.status == 0, "\(dropped.error)")
        let backup = "\(folder)/dropped-smile.labels.csv"
        #expect(dropped.output == "dropped 'smile' (manual, no, yes) from \(folder); its 3 label(s) are in \(backup)\n")
        #expect(try LabelledDataset.load(from: folder).manifest.attributes.map(\.name) == ["b", "m"])

        let restored = try runDataset(["import-labels", "--dataset", folder, "--csv", backup, "--attribute", "smile",
                                       "--classes", "no,yes"])
        #expect(restored.status == 0, "\(restored.error)")
        #expect(try LabelledDataset.load(from: folder).labels[2] == dataset.labels[2])

        _ = try runDataset(["drop-attribute", "--dataset", folder, "--attribute", "smile"])
        _ = try runDataset(["drop-attribute", "--dataset", folder, "--attribute", "b"])
        let last = try runDataset(["drop-attribute", "--dataset", folder, "--attribute", "m"])
        #expect(last.status != 0)
        #expect(last.error.contains("\(folder): 'm' is the dataset's only attribute"), "\(last.error)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/dropped-smile.2.labels.csv"))
    }
}
