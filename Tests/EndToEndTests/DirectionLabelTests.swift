import CommandTestSupport
import Discovery
import Foundation
import Testing

@Suite("Directions chosen by label")
struct DirectionLabelTests {
    @Test("a label several directions share is refused with their ids; a unique id still works")
    func ambiguousLabel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let file = packageRoot.appendingPathComponent("checkpoints/manifolds-linear-ge2e-k8-s0.safetensors").path
        let ambiguous = try runProduct("Editor", ["--directions", file, "--component", "lightness+", "--count", "2",
                                                  "--out", directory.path("a")])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.error.contains("the label 'lightness+' names 3 directions (M1, M2, M4); give one of them by its id"),
                "\(ambiguous.error)")
        let byID = try runProduct("Editor", ["--directions", file, "--component", "M2", "--count", "2", "--steps", "2",
                                             "--out", directory.path("b")])
        #expect(byID.status == 0, "\(byID.error)")
        // The label in the shared scheme names the same three.
        let current = try runProduct("Editor", ["--directions", file, "--component", "lightness.light", "--count", "2",
                                                "--out", directory.path("c")])
        #expect(current.status == 1)
        #expect(current.error.contains("the label 'lightness.light' names 3 directions (M1, M2, M4)"), "\(current.error)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("c")))
    }

    @Test("a file whose labels are in the older scheme still loads; its labels answer to either form")
    func olderLabels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var file = try DirectionsFile.read(from: packageRoot.appendingPathComponent("checkpoints/manifolds-linear-ge2e-k8-s0.safetensors").path)
        file.directions = file.directions.map { direction in
            var older = direction
            older.label = direction.id == "M4" ? "lightness+" : (direction.id == "M6" ? "background-" : nil)
            return older
        }
        let path = directory.path("older.safetensors")
        try file.write(to: path)
        let edit = try runProduct("Editor", ["--directions", path, "--component", "lightness.light", "--count", "2",
                                             "--steps", "2", "--out", directory.path("a")])
        #expect(edit.status == 0, "\(edit.error)")
        #expect(edit.output.contains("along M4 of manifolds") && edit.output.contains("label lightness.light"), "\(edit.output)")
        let older = try runProduct("Editor", ["--directions", path, "--component", "background.dim", "--count", "2",
                                              "--steps", "2", "--to", "plus", "--out", directory.path("b")])
        #expect(older.status == 0, "\(older.error)")
        #expect(older.output.contains("along M6 of manifolds"), "\(older.output)")
    }
}
