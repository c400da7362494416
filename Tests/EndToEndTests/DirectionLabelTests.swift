import CommandTestSupport
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
    }
}
