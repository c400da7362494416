import Dataset
import Foundation
import NumericCore
import TensorFormats
import Testing

@Suite("manifest.json and dataset loading")
struct ManifestTests {
    /// A valid one-sample dataset folder whose manifest is `manifest` (JSON text).
    func folder(manifest: String, in directory: TemporaryDirectory) throws -> String {
        let dataset = try syntheticDataset(margins: [0.5, -0.2], multi: [0, nil], strength: [0.9, 0.5])
        let path = directory.path("d")
        try dataset.save(to: path)
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent(DatasetFiles.manifest))
        return path
    }

    func manifestText(_ dataset: LabelledDataset, in directory: TemporaryDirectory) throws -> String {
        try dataset.save(to: directory.path("source"))
        return try String(contentsOfFile: directory.path("source/manifest.json"), encoding: .utf8)
    }

    @Test("a dataset saves and loads back equal, provenance and score layout included")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let dataset = try syntheticDataset(margins: [0.5, -0.2, 0.1], multi: [0, nil, 2], strength: [0.9, 0.5, 0.6])
        try dataset.save(to: directory.path("d"))
        let loaded = try LabelledDataset.load(from: directory.path("d"))
        #expect(loaded.manifest == dataset.manifest)
        #expect(loaded.labels == dataset.labels)
        #expect(loaded.latents == dataset.latents && loaded.scores == dataset.scores)
        let csv = try String(contentsOfFile: directory.path("d/labels.csv"), encoding: .utf8)
        #expect(csv == "index,b,m\n0,1,0\n1,0,\n2,1,2\n", "an unlabelled cell is empty")
    }

    @Test("each kind of bad manifest is refused with a message naming the file and the problem")
    func badManifests() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let good = try manifestText(try syntheticDataset(margins: [0.5, -0.2], multi: [0, nil], strength: [0.9, 0.5]),
                                    in: directory)
        let cases: [(String, String)] = [
            ("{", "malformed JSON"),
            (good.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 7"), "format version 7 is not supported"),
            (good.replacingOccurrences(of: "\"count\" : 2", with: "\"counted\" : 2"), "missing field 'count'"),
            (good.replacingOccurrences(of: "\"count\" : 2", with: "\"count\" : \"two\""), "'count'"),
            (good.replacingOccurrences(of: "\"checkpoint_sha256\" : null", with: "\"checkpoint_sha256\" : \"abc\""), "not 64 hexadecimal digits"),
            (good.replacingOccurrences(of: "\"name\" : \"m\"", with: "\"name\" : \"b\""), "attribute 'b' appears twice"),
            (good.replacingOccurrences(of: "\"source\" : \"labeller\"", with: "\"source\" : \"oracle\""), "source 'oracle' is not labeller, manual or imported"),
            (good.replacingOccurrences(of: "\"no\",", with: "\"no\", \"maybe\","), "binary attribute 'b' needs exactly two classes"),
            (good.replacingOccurrences(of: "\"count\" : 2", with: "\"count\" : 3"), "latents have 2 rows, expected 3"),
        ]
        for (text, message) in cases {
            #expect(text != good, "the case for '\(message)' must change the manifest")
            let path = try folder(manifest: text, in: directory)
            let error = thrownDescription { _ = try LabelledDataset.load(from: path) }
            #expect(error?.contains(message) == true, "expected '\(message)', got \(error ?? "no error")")
            #expect(error?.contains("\(path)/") == true && error?.contains("\n") == false)
        }
    }

    @Test("a missing folder, missing files and bad latents are named")
    func missingParts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        #expect(thrownDescription { _ = try LabelledDataset.load(from: directory.path("nothing")) }
                == "\(directory.path("nothing")): no such folder")
        let dataset = try syntheticDataset(margins: [0.5, -0.2], multi: [0, 1], strength: [0.9, 0.5])
        try dataset.save(to: directory.path("d"))
        try FileManager.default.removeItem(atPath: directory.path("d/labels.csv"))
        #expect(thrownDescription { _ = try LabelledDataset.load(from: directory.path("d")) }?.contains("labels.csv: no such file") == true)

        try dataset.save(to: directory.path("e"))
        var latents = dataset.latents
        latents.storage[4] = .nan
        try writeNpy(latents, to: directory.path("e/latents.npy"))
        #expect(thrownDescription { _ = try LabelledDataset.load(from: directory.path("e")) }
                == "\(directory.path("e/latents.npy")): latents hold nan at row 1, column 1; every value must be finite")
    }

    @Test("a dataset's own labels.csv must have one row per sample, in order, with valid classes")
    func strictLabelsFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let dataset = try syntheticDataset(margins: [0.5, -0.2, 0.3], multi: [0, 1, 2], strength: [0.9, 0.5, 0.6])
        let cases: [(String, String)] = [
            ("index,b,m\n0,1,0\n2,1,2\n1,0,1\n", "line 3: index 2, expected 1"),
            ("index,b,m\n0,1,0\n1,0,1\n", "2 rows, expected one per sample (3)"),
            ("index,b,m\n0,1,0\n1,0,no\n2,1,2\n", "line 3: m: 'no' is not a class"),
            ("index,m,b\n0,0,1\n1,1,0\n2,2,1\n", "line 1: the header is 'index,m,b', expected 'index,b,m'"),
        ]
        for (text, message) in cases {
            try dataset.save(to: directory.path("d"))
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory.path("d/labels.csv")))
            let error = thrownDescription { _ = try LabelledDataset.load(from: directory.path("d")) }
            #expect(error?.contains(message) == true, "expected '\(message)', got \(error ?? "no error")")
        }
    }
}
