import Testing
import CommandTestSupport
import Editing
import Bundles
import Foundation
import TensorFormats

@Suite("A method per class in a bundle (format version 4)")
struct ClassMethodsTests {
    func refusal(_ path: String) -> String {
        do { _ = try EditBundle.read(from: path) } catch { return "\(error)" }
        return "accepted"
    }

    @Test("class methods round-trip, apply toward their class only, and are refused in older versions or for unknown classes")
    func roundTripAndRefusals() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var bundle = try makeBundle(method: .restored(rounds: 2))
        try bundle.setClassMethods(["red": .masked(budgets: ["light": 2, "side": 1]), "green": .restored(rounds: 2)])
        // An entry equal to the bundle's method is dropped.
        #expect(bundle.classMethods == ["red": .masked(budgets: ["light": 2, "side": 1])])
        #expect(bundle.method(towardClass: 0) == .masked(budgets: ["light": 2, "side": 1]))
        #expect(bundle.method(towardClass: 1) == .restored(rounds: 2) && bundle.method(towardClass: 2) == .restored(rounds: 2))
        let path = directory.path("b.safetensors")
        try bundle.write(to: path)
        let read = try EditBundle.read(from: path)
        #expect(read.classMethods == bundle.classMethods)
        let json = try bundle.metadataJSON()
        #expect(json.contains("\"classMethods\":{\"red\":{\"budgets\""))

        // Version 3 cannot hold class methods; a class the target does not have, or a method that does not fit, is refused.
        let older = directory.path("v3.safetensors")
        try writeSafeTensors(arrays: bundle.arrays,
                             metadata: [EditBundle.metadataKey: json.replacingOccurrences(of: "\"formatVersion\":4", with: "\"formatVersion\":3")],
                             to: older)
        #expect(refusal(older) == "\(older): 'classMethods' needs bundle format version 4, the file says 3")
        let unknown = thrownDescription { try bundle.setClassMethods(["purple": .plain]) } ?? ""
        #expect(unknown.contains("'classMethods' names 'purple', which is not a class of 'color' (red, green, blue)"), "\(unknown)")
        let misfit = thrownDescription { try bundle.setClassMethods(["red": .masked(budgets: ["light": 2])]) } ?? ""
        #expect(!misfit.isEmpty && !misfit.contains("\n"), "\(misfit)")
        try bundle.setClassMethods(nil)
        let cleared = try bundle.metadataJSON()
        #expect(bundle.classMethods == nil && !cleared.contains("classMethods"))
    }
}
