import Testing
import CommandTestSupport
import Editing
import Generator
import Foundation
import NumericCore
import TensorFormats

@Suite("The NumPy example reproduces the Swift edit step")
struct PythonExampleTests {
    /// Runs `python3 tools/bundle_edit_step.py` with `arguments`; returns its exit status and its standard output
    /// followed by its standard error (where it writes its errors).
    func runExample(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let run = try runProcess("/usr/bin/env", ["python3", packageRoot.appendingPathComponent("tools/bundle_edit_step.py").path] + arguments)
        return (run.status, run.output + run.error)
    }

    @Test(arguments: [
        ("color", "green", EditMethod.masked(budgets: ["light": 7, "side": 3]), false),
        ("color", "red", .projected, true),
        ("color", "blue", .plain, false),
        ("light", "dark", .masked(budgets: ["color": 12, "side": 5]), true),
        ("light", "light", .projected, false),
        ("side", "middle", .masked(budgets: ["color": 100, "light": 0]), false),
        ("color", "green", .restored(rounds: 2), true),
        ("light", "dark", .restored(rounds: 1), false),
        ("side", "left", .restored(rounds: 3), true),
    ])
    func oneStepAgreesWithin1e4(target: String, className: String, method: EditMethod, keepNorm: Bool) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle(dimension: 100, target: target, method: method, keepNorm: keepNorm)
        var random = RandomSource(seed: 60)
        let latents = Tensor(shape: [16, 100], storage: random.normals(1600).map { 1.5 * $0 })
        try bundle.write(to: directory.path("bundle.safetensors"))
        try writeNpy(latents, to: directory.path("latents.npy"))
        let run = try runExample([directory.path("bundle.safetensors"), directory.path("latents.npy"), "--to", className,
                                  "--out", directory.path("moved.npy")])
        try #require(run.status == 0, "the example failed (it needs python3 with numpy): \(run.output)")
        let python = try readNpyTensor(directory.path("moved.npy"))
        let swift = try editStep(latents, target: bundle.editTarget(toClass: className), protected: bundle.protectedAttributes,
                                 method: bundle.method, settings: bundle.editDefaults)
        #expect(python.shape == [16, 100])
        let largest = zip(python.storage, swift.latents.storage).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-4, "largest difference \(largest)")
        #expect(swift.latents != latents || swift.stops.allSatisfy { $0 != nil })
        let stopped = swift.stops.enumerated().filter { $0.element != nil }.map { "latent \($0.offset) did not move: \($0.element!.rawValue)" }
        #expect(run.output.split(separator: "\n").filter { $0.contains("did not move") }.map(String.init) == stopped)
    }

    @Test func theRestoredStepFromAPathStartOtherThanTheLatentsAgrees() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle(dimension: 100, target: "color", method: .restored(rounds: 2), keepNorm: true)
        var random = RandomSource(seed: 61)
        let start = Tensor(shape: [8, 100], storage: random.normals(800))
        let path = try editLatents(start, target: bundle.editTarget(toClass: "green"), protected: bundle.protectedAttributes,
                                   method: bundle.method, settings: EditSettings(steps: 3, stepLength: 0.75, keepNorm: true))
        let third = path.path.reshaped([8 * 4, 100]).gathering(rows: (0..<8).map { $0 * 4 + 3 })
        try bundle.write(to: directory.path("bundle.safetensors"))
        try writeNpy(third, to: directory.path("latents.npy"))
        try writeNpy(start, to: directory.path("start.npy"))
        let run = try runExample([directory.path("bundle.safetensors"), directory.path("latents.npy"), "--to", "green",
                                  "--start", directory.path("start.npy"), "--out", directory.path("moved.npy")])
        try #require(run.status == 0, "the example failed: \(run.output)")
        let python = try readNpyTensor(directory.path("moved.npy"))
        let swift = try editStep(third, target: bundle.editTarget(toClass: "green"), protected: bundle.protectedAttributes,
                                 method: bundle.method, settings: bundle.editDefaults, pathStart: start)
        let largest = zip(python.storage, swift.latents.storage).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-4, "largest difference \(largest)")
    }

    @Test func theExampleRefusesAnUnknownClassAndLatentsOfAnotherDimension() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        try makeBundle().write(to: directory.path("bundle.safetensors"))
        try writeNpy(Tensor(shape: [2, 7]), to: directory.path("wrong.npy"))
        try writeNpy(Tensor(shape: [2, 10]), to: directory.path("right.npy"))
        let wrong = try runExample([directory.path("bundle.safetensors"), directory.path("wrong.npy"), "--to", "green"])
        #expect(wrong.status == 1 && wrong.output.contains("latents must be float [N, 10], got float32 [2, 7]"), "\(wrong.output)")
        let unknown = try runExample([directory.path("bundle.safetensors"), directory.path("right.npy"), "--to", "purple"])
        #expect(unknown.status == 1 && unknown.output.contains("has no class 'purple' (classes: red, green, blue)"), "\(unknown.output)")
    }
}
