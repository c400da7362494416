import CommandTestSupport
import Discovery
import Foundation
import NumericCore
import Testing

@Suite("One label scheme for every discovery method")
struct DirectionLabelSchemeTests {
    @Test("a label names the attribute and the class the + side moves toward")
    func labels() {
        #expect(directionLabel(attribute: "lightness", classes: ["dark", "light"], scoreChanges: [2.1]) == "lightness.light")
        #expect(directionLabel(attribute: "background", classes: ["dim", "bright"], scoreChanges: [-0.7]) == "background.dim")
        // A multiclass attribute: the class whose confidence rises most, even when another falls further.
        #expect(directionLabel(attribute: "color", classes: ["dark", "neutral", "warm", "green", "blue"],
                               scoreChanges: [-4.2, 0.3, 1.1, 0.2, -0.5]) == "color.warm")
        #expect(directionCaption(id: "M1", label: "lightness.light") == "M1 lightness.light")
        #expect(directionCaption(id: "C1.H2.W1", label: nil) == "C1.H2.W1")
    }

    @Test("labels of older files map to the current scheme; current and unknown labels stay as they are")
    func olderLabels() {
        let cases = [("lightness+", "lightness.light"), ("lightness-", "lightness.dark"), ("background+", "background.bright"),
                     ("light_side-", "light_side.right"), ("color.green+", "color.green"), ("color.green-", "color.green-"),
                     ("color+", "color+"), ("lightness.light", "lightness.light"), ("smile+", "smile+"), ("C3", "C3")]
        for (old, current) in cases { #expect(currentDirectionLabel(old) == current, "\(old)") }
    }

    @Test("a file with older labels still loads, and either form of a label picks the same directions")
    func olderFilesLoad() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        var file = sampleDirectionsFile()
        let v = file.directions[0].path
        file.directions = [
            DiscoveredDirection(id: "M0", sigma: 1, path: v, summary: "unclear"),
            DiscoveredDirection(id: "M1", label: "lightness+", sigma: 1, path: v, summary: "older scheme"),
            DiscoveredDirection(id: "M2", label: "lightness.light", sigma: 1, path: v, summary: "current scheme"),
            DiscoveredDirection(id: "M3", label: "lightness-", sigma: 1, path: v, summary: "older scheme"),
        ]
        try file.write(to: folder.path("old.safetensors"))
        let read = try DirectionsFile.read(from: folder.path("old.safetensors"))
        #expect(read.directions.map(\.label) == [nil, "lightness+", "lightness.light", "lightness-"])
        #expect(read.directions(labelled: "lightness.light").map(\.id) == ["M1", "M2"])
        #expect(read.directions(labelled: "lightness+").map(\.id) == ["M1", "M2"])
        #expect(read.directions(labelled: "lightness.dark").map(\.id) == ["M3"])
        #expect(read.direction("lightness.dark")?.id == "M3")
        #expect(read.directions(labelled: "color.green").isEmpty)
    }
}
