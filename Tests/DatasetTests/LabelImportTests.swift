import Dataset
import Labellers
import Testing

@Suite("Importing hand labels")
struct LabelImportTests {
    let dataset: LabelledDataset

    init() throws {
        dataset = try syntheticDataset(margins: [0.5, -0.2, 0.3, -0.1, 0.2, 0.4], multi: [0, 1, 2, 0, 1, 2],
                                       strength: [0.9, 0.5, 0.6, 0.7, 0.8, 0.9])
    }

    func importing(_ csv: String, attribute: String = "smile", classes: [String]? = ["no", "yes"],
                   kind: AttributeKind? = nil, into target: LabelledDataset? = nil,
                   replace: Bool = false) throws -> (dataset: LabelledDataset, imported: Int) {
        try (target ?? dataset).importingLabels(csv: csv, path: "smile.csv", attribute: attribute, classes: classes,
                                                kind: kind, replace: replace)
    }

    @Test("labels by index or class name, any order, empty cells skipped, beside automatic labels")
    func goodImport() throws {
        let (result, imported) = try importing("\u{FEFF}index,smile\r\n4,yes\n0, 1\n2,\n1,0\n\n")
        #expect(imported == 3)
        #expect(result.manifest.attributes.map(\.name) == ["b", "m", "smile"])
        let smile = result.manifest.attributes[2]
        #expect(smile.kind == .binary && smile.origin == .manual(file: "smile.csv") && smile.scores == nil)
        #expect(result.labels[2] == [1, 0, nil, nil, 1, nil])
        #expect(result.labels[0] == dataset.labels[0], "automatic labels are kept")
    }

    @Test("lines end in \\n, \\r\\n or a bare \\r alike; cells are trimmed of spaces and tabs, and keep their UTF-8 characters")
    func lineEndsAndCells() throws {
        let (bareReturns, _) = try importing("index,smile\r4,yes\r0,\t1 \r2,\r\r1,0")
        #expect(bareReturns.labels[2] == [1, 0, nil, nil, 1, nil])
        let (mixed, _) = try importing("index , smile\n4,yes\r\n0,1\r1,0", attribute: "smile")
        #expect(mixed.labels[2] == bareReturns.labels[2])
        do {
            _ = try importing("index,smile\n0, yës \n1,0")
            Issue.record("an unknown class was imported")
        } catch {
            #expect("\(error)".contains("line 2: smile: 'yës' is not a class"), "\(error)")
        }
    }

    @Test("every offending line is listed in one error, and nothing is imported")
    func allBadLinesListed() throws {
        let csv = """
            index,smile
            0,1
            9,1
            1,2
            2,maybe
            0,1
            3,0
            3,1
            x,1
            4,1,1
            -1,0
            """
        let error = thrownDescription { _ = try importing(csv) }
        #expect(error == "smile.csv: 8 bad lines, nothing imported: "
                + "line 3: index 9 is not in the dataset (6 samples, 0-5); "
                + "line 4: smile: class 2 is out of range (0-1: no, yes); "
                + "line 5: smile: 'maybe' is not a class (0-1: no, yes); "
                + "line 6: index 0 repeats line 2; "
                + "line 8: index 3 conflicts with line 7; "
                + "line 9: index 'x' is not a whole number ≥ 0; "
                + "line 10: 3 cells, expected 2; "
                + "line 11: index '-1' is not a whole number ≥ 0")
    }

    @Test("a wrong header is refused by line")
    func wrongHeader() {
        #expect(thrownDescription { _ = try importing("index,smiles\n0,1\n") }
                == "smile.csv: line 1: the header is 'index,smiles', expected 'index,smile'")
        #expect(thrownDescription { _ = try importing("0,1\n1,0\n") }
                == "smile.csv: line 1: the header is '0,1', expected 'index,smile'")
        #expect(thrownDescription { _ = try importing("") }?.contains("the file is empty") == true)
    }

    @Test("a new attribute needs valid classes; kinds follow the class count unless given")
    func attributeDefinition() throws {
        #expect(thrownDescription { _ = try importing("index,smile\n0,1\n", classes: nil) }
                == "classes: attribute 'smile' is new in the dataset: give its classes (e.g. no,yes)")
        #expect(thrownDescription { _ = try importing("index,smile\n0,1\n", classes: ["no"]) }?
            .contains("needs at least two classes") == true)
        #expect(thrownDescription { _ = try importing("index,smile\n0,1\n", classes: ["a", "b", "c"], kind: .binary) }?
            .contains("needs exactly two classes") == true)
        #expect(thrownDescription { _ = try importing("index,smile\n0,1\n", classes: ["a", "a"]) }?
            .contains("repeats a class name") == true)
        #expect(thrownDescription { _ = try importing("index,index\n0,1\n", attribute: "index") }?
            .contains("'index' cannot name an attribute") == true)
        let glasses = try importing("index,glasses\n0,2\n", attribute: "glasses", classes: ["none", "clear", "sun"]).dataset
        #expect(glasses.manifest.attributes.last?.kind == .multiclass)
        let twoWay = try importing("index,smile\n0,1\n", kind: .multiclass).dataset
        #expect(twoWay.manifest.attributes.last?.kind == .multiclass)
        #expect(thrownDescription { _ = try importing("index,smile\n0,\n1,\n") } == "smile.csv: no labels filled in (every 'smile' cell is empty)")
    }

    @Test("labels add to an existing hand-labelled attribute; contradictions are refused unless replacing")
    func merging() throws {
        let first = try importing("index,smile\n0,1\n1,0\n").dataset
        let second = try importing("index,smile\n1,0\n3,1\n", classes: nil, into: first).dataset
        #expect(second.labels[2] == [1, 0, nil, 1, nil, nil])
        #expect(thrownDescription { _ = try importing("index,smile\n0,0\n1,1\n", into: second) }
                == "replace: smile.csv: 2 label(s) contradict the dataset, nothing imported (replace the attribute's labels to start it afresh): "
                + "index 0 is 1 already, 0 here; index 1 is 0 already, 1 here")
        let replaced = try importing("index,smile\n0,0\n", into: second, replace: true).dataset
        #expect(replaced.labels[2] == [0, nil, nil, nil, nil, nil])
        #expect(thrownDescription { _ = try importing("index,smile\n0,1\n", classes: ["yes", "no"], into: first) }?
            .contains("has classes no,yes, not yes,no") == true)
    }

    @Test("automatic attributes cannot be overwritten by hand labels")
    func automaticAttributesProtected() {
        #expect(thrownDescription { _ = try importing("index,b\n0,1\n", attribute: "b") }
                == "smile.csv: attribute 'b' came from labeller b; import hand labels under another name")
    }

    @Test("importing into a saved dataset keeps its other files and stays loadable")
    func savedImport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try dataset.save(to: directory.path("d"))
        let extra = try directory.write("sheet", to: "d/notes.txt")
        let updated = try importing("index,smile\n5,yes\n").dataset
        try updated.save(to: directory.path("d"), keepingExtraEntriesFrom: directory.path("d"))
        let loaded = try LabelledDataset.load(from: directory.path("d"))
        #expect(loaded.labels == updated.labels && loaded.manifest == updated.manifest)
        #expect(try String(contentsOfFile: extra, encoding: .utf8) == "sheet")
    }
}
