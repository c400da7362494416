import CommandTestSupport
import Discovery
import Generator
import Manifolds
import NumericCore
import Testing

@Suite("Manifold directions in the shared directions file")
struct DirectionsFileTests {
    @Test func writesUnitDirectionsAndReadsThemBack() throws {
        let generator = try tinyGenerator()
        var random = RandomSource(seed: 11)
        let transform = LinearTransform(directions: 3, latentDimension: 3, random: &random)
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("manifolds.safetensors")
        try ManifoldDirectionsFile.contents(transform: transform, configuration: tinyConfiguration(), generator: generator,
                                            names: ["lightness.light", "unclear", "color.blue"], quality: nil,
                                            figures: ["held_out_accuracy": "0.5"]).write(to: path)
        let file = try DirectionsFile.read(from: path)
        #expect(file.method == "manifolds" && file.settings["held_out_accuracy"] == "0.5")
        #expect(file.directions.map(\.id) == ["M0", "M1", "M2"])
        #expect(file.directions.map(\.label) == ["lightness.light", nil, "color.blue"])
        #expect(abs(file.directions[0].sigma - 6 / 3.0.squareRoot()) < 1e-9)
        let read = try ManifoldDirectionsFile.unitDirections(path, generator: generator)
        #expect(read.map(\.name) == ["lightness.light", "M1", "color.blue"])
        let unit = transform.unitDirections
        for (k, entry) in read.enumerated() {
            #expect(entry.vector == Array(unit.storage[(k * 3)..<((k + 1) * 3)]))
        }
        // A file of the older naming (labels "lightness+") reads with its labels in the current scheme.
        let older = directory.path("older.safetensors")
        try ManifoldDirectionsFile.contents(transform: transform, configuration: tinyConfiguration(), generator: generator,
                                            names: ["lightness+", "unclear", "color.blue+"], quality: nil, figures: [:]).write(to: older)
        #expect(try DirectionsFile.read(from: older).directions.map(\.label) == ["lightness+", nil, "color.blue+"])
        #expect(try ManifoldDirectionsFile.unitDirections(older, generator: generator).map(\.name)
                == ["lightness.light", "M1", "color.blue"])
        // Another generator's file is refused, naming the file and the mismatch.
        let other = try tinyGenerator(latentDimension: 4)
        #expect(thrownDescription { _ = try ManifoldDirectionsFile.unitDirections(path, generator: other) }
                == "\(path): made for 3-dimensional latents, but generator tiny-test has 4")
    }

    @Test("the naming table and the grids show each direction by the id the Editor takes, then its label")
    func idsInTheNamingTable() {
        let effect = LabellerEffect(labeller: "lightness", score: "lightness", standardizedChange: 3.8, flipRate: 0.91)
        let names = [DirectionName(direction: 0, name: "unclear", effects: [effect]),
                     DirectionName(direction: 1, name: "lightness.light", effects: [effect])]
        let table = namingTable(names)
        #expect(table.contains("| M0 | unclear | lightness +3.80, 91% flips | — |"), "\(table)")
        #expect(table.contains("| M1 | lightness.light | lightness +3.80, 91% flips | — |"), "\(table)")
        #expect(names.map(\.caption) == ["M0", "M1 lightness.light"])
        #expect(names.map(\.label) == [nil, "lightness.light"])
        #expect(ManifoldDirectionsFile.id(7) == "M7")
    }

    @Test func anMLPFileHoldsTheTangentsAndItsLayers() throws {
        let generator = try tinyGenerator()
        var random = RandomSource(seed: 12)
        let transform = MLPTransform(directions: 2, hidden: 4, latentDimension: 3, random: &random)
        let file = try ManifoldDirectionsFile.contents(transform: transform, configuration: tinyConfiguration(.mlp),
                                                       generator: generator, names: ["a", "b"], quality: nil, figures: [:])
        #expect(Set(file.methodTensors.keys) == ["manifolds.w1", "manifolds.b1", "manifolds.w2"])
        #expect(file.settings["transform"] == "mlp")
        // The tangent at ε = 0 is the direction of a small step along the path.
        let step = transform.shifts(directions: [1], magnitudes: [1e-2])
        guard case .linear(let tangent) = file.directions[1].path else { Issue.record("not linear"); return }
        let cosine = zip(step.storage, tangent).reduce(Float(0)) { $0 + $1.0 * $1.1 } / 1e-2
        #expect(cosine > 0.999)
    }
}
