import Dataset
import Foundation
import Labellers
import Testing

@Suite("Dataset files at their limits: names, numbers, duplicate keys, huge label files, hand work")
struct BoundaryTests {
    /// A dataset folder whose manifest is the synthetic dataset's with `edit` applied.
    func folder(_ directory: TemporaryDirectory, _ edit: (String) -> String) throws -> String {
        let dataset = try syntheticDataset(margins: [0.5, -0.2], multi: [0, nil], strength: [0.9, 0.5])
        let path = directory.path("d")
        try dataset.save(to: path)
        let manifest = URL(fileURLWithPath: path).appendingPathComponent(DatasetFiles.manifest)
        try Data(edit(try String(contentsOf: manifest, encoding: .utf8)).utf8).write(to: manifest)
        return path
    }

    @Test("names that would leave a folder, numbers that overflow, duplicate keys: one line naming the manifest")
    func hostileManifests() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let cases: [((String) -> String, String)] = [
            ({ $0.replacingOccurrences(of: "\"name\" : \"m\"", with: "\"name\" : \"..\"") }, "attribute name '..'"),
            ({ $0.replacingOccurrences(of: "\"name\" : \"m\"", with: "\"name\" : \"a/b\"") }, "attribute name 'a/b'"),
            ({ $0.replacingOccurrences(of: "\"name\" : \"m\"", with: "\"name\" : \"m\\nx\"") }, "attribute name 'm\\u{a}x'"),
            ({ $0.replacingOccurrences(of: "\"x\",", with: "\"../x\",") }, "class name '../x'"),
            ({ $0.replacingOccurrences(of: "\"first\" : 1", with: "\"first\" : 9223372036854775807") }, "score column"),
            ({ $0.replacingOccurrences(of: "\"count\" : 2", with: "\"count\" : 9223372036854775807") }, "count must be between 0 and"),
            ({ $0.replacingOccurrences(of: "\"latent_dimension\" : 3", with: "\"latent_dimension\" : 4611686018427387904") }, "latent_dimension must be between"),
            ({ $0.replacingOccurrences(of: "\"count\" : 2", with: "\"count\" : 2, \"count\" : 3") }, "duplicate key \"count\""),
        ]
        for (edit, expected) in cases {
            let path = try folder(directory, edit)
            let error = thrownDescription { _ = try LabelledDataset.load(from: path) }
            #expect(error?.contains(expected) == true, "expected '\(expected)', got \(error ?? "no error")")
            #expect(error?.contains("\(path)/manifest.json: ") == true && error?.contains("\n") == false, "\(error ?? "")")
        }
    }

    @Test("a label CSV of a million bad rows is refused with a short message")
    func millionRowLabelFile() throws {
        let attribute = Attribute(name: "smile", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "x.csv"))
        let rows = (0..<1_000_000).map { "\($0),maybe" }.joined(separator: "\n")
        let error = thrownDescription {
            _ = try decodeLabelCSV("index,smile\n" + rows, path: "big.csv", attributes: [attribute], sampleCount: 5000, mode: .importFile)
        }
        #expect(error?.hasPrefix("big.csv: 1000000 bad lines, nothing imported: line 2: smile: 'maybe' is not a class") == true)
        #expect(error?.hasSuffix("; and 999980 more") == true && (error?.count ?? 0) < 3000, "\(error?.prefix(300) ?? "")")
        // As many bad rows as samples: every line is checked, twenty are listed.
        let bad = (0..<5000).map { "\($0),maybe" }.joined(separator: "\n")
        let listed = thrownDescription {
            _ = try decodeLabelCSV("index,smile\n" + bad, path: "bad.csv", attributes: [attribute], sampleCount: 5000, mode: .importFile)
        }
        #expect(listed?.contains("5000 bad lines, nothing imported") == true)
        #expect(listed?.hasSuffix("; and 4980 more") == true, "\(listed ?? "")")
        #expect((listed?.count ?? 0) < 3000)
    }

    @Test("sampling over a folder with hand labels, curation files or other content refuses without --force")
    func samplingKeepsHandWork() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let dataset = try syntheticDataset(margins: [0.5, -0.2, 0.3], multi: [0, nil, 1], strength: [0.9, 0.5, 0.7])
        let path = directory.path("d")
        try dataset.save(to: path)
        #expect(replacementProblem(at: path) == nil, "automatic labels only: a new sample loses nothing")
        #expect(replacementProblem(at: directory.path("absent")) == nil)
        let (labelled, _) = try dataset.importingLabels(csv: "index,smile\n0,yes\n", path: "s.csv", attribute: "smile",
                                                        classes: ["no", "yes"], kind: nil)
        try labelled.save(to: path)
        #expect(replacementProblem(at: path)?.contains("hand labels (smile)") == true)
        #expect(thrownDescription { try requireReplaceable(path, force: false) }?.contains("it is kept") == true)
        #expect(thrownDescription { try requireReplaceable(path, force: true) } == nil)

        try dataset.save(to: path)
        try FileManager.default.createDirectory(atPath: path + "/curation", withIntermediateDirectories: true)
        #expect(replacementProblem(at: path)?.contains("holds curation") == true)
        let home = directory.path("not-a-dataset")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: home + "/notes.txt"))
        #expect(replacementProblem(at: home)?.contains("not a dataset") == true)
    }

    @Test("a filled-in label template is not overwritten without --force; an untouched one is")
    func filledTemplateIsKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let sampler = try DatasetSampler(generator: FailingGenerator(failingBatch: -1), labellers: [BuiltInLabellers.color],
                                         count: 6, seed: 1)
        let dataset = try sampler.write(to: directory.path("d"), storeImages: true)
        let prefix = directory.path("d/curation/smile")
        func sheet(force: Bool = false) throws {
            _ = try dataset.writeCurationFiles(folder: directory.path("d"), indices: [0, 1, 2], attribute: "smile",
                                               classes: ["no", "yes"], generator: nil, prefix: prefix, force: force)
        }
        try sheet()
        try sheet()  // an empty template may be written again
        let filled = "index,smile\n0,yes\n1,\n2,no\n"
        try Data(filled.utf8).write(to: URL(fileURLWithPath: prefix + "-labels.csv"))
        let error = thrownDescription { try sheet() }
        #expect(error == "\(prefix)-labels.csv: already holds 2 filled-in labels not yet imported; import it first (Dataset import-labels), or replace it on purpose")
        #expect(try String(contentsOfFile: prefix + "-labels.csv", encoding: .utf8) == filled)
        try sheet(force: true)
        #expect(try String(contentsOfFile: prefix + "-labels.csv", encoding: .utf8) == "index,smile\n0,\n1,\n2,\n")
    }
}
