import Dataset
import Foundation
import NumericCore
import TensorFormats
import Testing

@Suite("Bringing latents and labels from another generator")
struct LatentImportTests {
    func latentsFile(_ directory: TemporaryDirectory, rows: Int = 6, dimension: Int = 512, poison: Float? = nil) throws -> String {
        var random = RandomSource(seed: 4)
        var values = random.normals(rows * dimension)
        if let poison { values[dimension + 7] = poison }
        let path = directory.path("w.npy")
        try writeNpy(Tensor(shape: [rows, dimension], storage: values), to: path)
        return path
    }

    @Test("an external labeller's scores come in as extra columns and load back")
    func scoreColumns() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let latents = try latentsFile(directory)
        let labels = try directory.write("index,smile,age,smile:score,age:young,age:middle,age:old\n0,yes,old,1.5,0.1,0.2,0.7\n2,no,young,-0.25,0.8,0.1,0.1\n", to: "labels.csv")
        let dataset = try importExternalDataset(latentsPath: latents, labelsPath: labels,
                                                classes: ["smile": ["no", "yes"], "age": ["young", "middle", "old"]])
        #expect(dataset.manifest.attributes.map(\.name) == ["smile", "age"])
        #expect(dataset.manifest.attributes.map { $0.scores?.range } == [0..<1, 1..<4])
        #expect(dataset.scores?.shape == [6, 4])
        #expect(Array(dataset.scores!.storage[0..<4]) == [1.5, 0.1, 0.2, 0.7])
        #expect(Array(dataset.scores!.storage[8..<12]) == [-0.25, 0.8, 0.1, 0.1])
        try dataset.save(to: directory.path("d"))
        #expect(try LabelledDataset.load(from: directory.path("d")).scores == dataset.scores)
        let bad = try directory.write("index,smile,smile:score\n0,yes,high\n", to: "bad.csv")
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: latents, labelsPath: bad, classes: ["smile": ["no", "yes"]]) }
                == "\(bad): 1 bad score row(s): line 2: smile scores 'high' are not finite numbers")
        let partial = try directory.write("index,age,age:young\n0,old,0.5\n", to: "partial.csv")
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: latents, labelsPath: partial, classes: ["age": ["young", "middle", "old"]]) }?
                .hasPrefix("\(partial): attribute 'age' needs one score column per class") == true)
    }

    @Test("any latent dimension; labels for a subset; trains without rendering")
    func goodImport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let latents = try latentsFile(directory)
        let labels = try directory.write("index,smile,age\n0,yes,old\n1,0,1\n3,1,\n4,0,0\n5,1,2\n2,0,0\n", to: "labels.csv")
        let dataset = try importExternalDataset(latentsPath: latents, labelsPath: labels,
                                                classes: ["smile": ["no", "yes"], "age": ["young", "middle", "old"]])
        #expect(dataset.manifest.isExternal && dataset.manifest.seed == nil && dataset.manifest.checkpointSHA256 == nil)
        #expect(dataset.manifest.latentDimension == 512 && dataset.count == 6)
        #expect(dataset.manifest.attributes.map(\.kind) == [.binary, .multiclass])
        #expect(dataset.manifest.attributes.allSatisfy { $0.origin == .imported(file: "labels.csv") })
        #expect(dataset.labels == [[1, 0, 0, 1, 0, 1], [2, 1, 0, nil, 0, 2]])
        try dataset.save(to: directory.path("d"))
        let loaded = try LabelledDataset.load(from: directory.path("d"))
        #expect(loaded.latents == dataset.latents && loaded.labels == dataset.labels)
        #expect(!FileManager.default.fileExists(atPath: directory.path("d/scores.npy")))
        let split = try loaded.trainingSplit(attribute: "age", options: SplitOptions(validationFraction: 0.4))
        #expect(split.train.count + split.validation.count == 5)
        #expect(thrownDescription { _ = try loaded.trainingSplit(attribute: "age", options: SplitOptions(rule: .extremes(percent: 5))) }
                == "age: rule 'extremes:5' needs scores, and this attribute has none (it is imported); use 'all'")
    }

    @Test("bad latents are refused with the file and the problem")
    func badLatents() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let nan = try latentsFile(directory, poison: .nan)
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: nan, labelsPath: nil, classes: [:]) }
                == "\(nan): latents hold nan at row 1, column 7; every value must be finite")
        let infinite = try latentsFile(directory, poison: -.infinity)
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: infinite, labelsPath: nil, classes: [:]) }
                == "\(infinite): latents hold -inf at row 1, column 7; every value must be finite")
        let hypercube = directory.path("hypercube.npy")
        try writeNpy(Tensor(shape: [2, 3, 4, 5], repeating: 0), to: hypercube)
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: hypercube, labelsPath: nil, classes: [:]) }
                == "\(hypercube): latents must be a matrix [N, D], got shape [2, 3, 4, 5]")
        let text = try directory.write("not numpy", to: "text.npy")
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: text, labelsPath: nil, classes: [:]) }?
            .hasPrefix("\(text): ") == true)
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: directory.path("none.npy"), labelsPath: nil, classes: [:]) }?
            .hasPrefix("\(directory.path("none.npy")): ") == true)
    }

    @Test("W+ codes [N, L, D]: equal layers become w [N, D]; of differing layers one is kept, and the note says which")
    func wPlusCodes() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let (n, layers, d) = (3, 4, 5)
        let w = (0..<(n * d)).map { Float($0) / 7 }
        var broadcast = [Float]()
        for row in 0..<n {
            for _ in 0..<layers { broadcast += w[(row * d)..<((row + 1) * d)] }
        }
        let same = directory.path("same.npy")
        try writeNpy(Tensor(shape: [n, layers, d], storage: broadcast), to: same)
        var notes = [String]()
        let sameSet = try importExternalDataset(latentsPath: same, labelsPath: nil, classes: [:], note: { notes.append($0) })
        #expect(sameSet.latents == Tensor(shape: [n, d], storage: w))
        #expect(notes == ["\(same): W+ codes [3, 4, 5] with every layer equal: stored as w [3, 5]"])
        let inverted = directory.path("inverted.npy")
        let ramp: [Float] = (0..<(n * layers * d)).map { Float($0) }
        try writeNpy(Tensor(shape: [n, layers, d], storage: ramp), to: inverted)
        notes = []
        let layer2 = try importExternalDataset(latentsPath: inverted, labelsPath: nil, classes: [:], wPlusLayer: 2, note: { notes.append($0) })
        var expected = [Float]()
        for row in 0..<n {
            for column in 0..<d { expected.append(Float((row * layers + 2) * d + column)) }
        }
        #expect(layer2.latents.storage == expected)
        #expect(notes.first?.contains("whose layers differ (as an inversion's): the dataset keeps layer 2 of 4") == true)
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: inverted, labelsPath: nil, classes: [:], wPlusLayer: 4) }?
            .contains("must be a layer of the codes, 0 to 3, is 4") == true)
    }

    @Test("bad label files are refused with every offending line, and nothing is imported")
    func badLabels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let latents = try latentsFile(directory)
        func attempt(_ csv: String, _ classes: [String: [String]] = ["smile": ["no", "yes"]]) throws -> String? {
            let labels = try directory.write(csv, to: "labels.csv")
            return thrownDescription { _ = try importExternalDataset(latentsPath: latents, labelsPath: labels, classes: classes) }
        }
        let path = directory.path("labels.csv")
        #expect(try attempt("idx,smile\n0,1\n") == "\(path): line 1: the header is 'idx,smile', expected 'index,<attribute>,...' with distinct names")
        #expect(try attempt("index,smile,smile\n0,1,1\n")?.contains("with distinct names") == true)
        #expect(try attempt("index,smile,age\n0,1,1\n") == "classes: \(path): attribute 'age' needs its classes (age=class0,class1,...)")
        #expect(try attempt("index,smile\n0,1\n", ["smile": ["no", "yes"], "age": ["a", "b"]])
                == "\(path): classes were given for 'age', which is not a column of the file")
        #expect(try attempt("index,smile\n0,1\n6,1\n1,3\n0,0\n")
                == "\(path): 3 bad lines, nothing imported: line 3: index 6 is not in the dataset (6 samples, 0-5); "
                + "line 4: smile: class 3 is out of range (0-1: no, yes); line 5: index 0 conflicts with line 2")
        #expect(thrownDescription { _ = try importExternalDataset(latentsPath: latents, labelsPath: nil, classes: ["smile": ["a", "b"]]) }
                == "\(latents): classes were given for 'smile' but no labels file")
    }
}
