import CommandTestSupport
import Diagnostics
import Generator
import NumericCore
import TensorFormats
import Testing

@Suite("A generator checkpoint that does not fit is refused")
struct CheckpointValidationTests {
    /// The embedded checkpoint's tensors, changed by `edit`, written to a temporary file and loaded.
    func load(editing edit: (inout [String: Tensor]) -> Void) throws -> (path: String, result: Result<DCGANGenerator, any Error>) {
        let stored = try readSafeTensors(try #require(DCGANGenerator.locateEmbeddedCheckpoint()))
        var tensors = stored.tensors.compactMapValues { $0.array.floatTensor }
        edit(&tensors)
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let path = directory.path("generator.safetensors")
        try writeSafeTensors(tensors, to: path)
        return (path, Result { try DCGANGenerator.load(path: path) })
    }

    func expectRefusal(_ problem: String, editing edit: (inout [String: Tensor]) -> Void) throws {
        let (path, result) = try load(editing: edit)
        #expect(throws: FileError(path: path, problem: problem)) { try result.get() }
    }

    @Test func theUnchangedCheckpointLoads() throws {
        #expect(try load { _ in }.result.get().latentDimension == 100)
    }

    @Test func aMissingTensor() throws {
        try expectRefusal("tensor 'main.4.running_var' is missing") { $0["main.4.running_var"] = nil }
    }

    @Test func aMisshapenNormTensor() throws {
        try expectRefusal("tensor 'main.1.bias' has shape [511], expected [512]") {
            $0["main.1.bias"] = Tensor(shape: [511], repeating: 0)
        }
    }

    @Test func aConvolutionThatDoesNotChain() throws {
        try expectRefusal("tensor 'main.3.weight' has shape [256, 128, 4, 4], expected [512, C, 4, 4]") {
            $0["main.3.weight"] = Tensor(shape: [256, 128, 4, 4], repeating: 0)
        }
    }

    @Test func aNonFiniteWeight() throws {
        try expectRefusal("tensor 'main.7.weight' holds NaN or infinite values") {
            $0["main.7.weight"]!.storage[3] = .nan
        }
    }

    @Test func aMissingFile() {
        #expect(throws: FileError(path: "/nonexistent/g.safetensors", problem: "cannot read the generator checkpoint")) {
            try DCGANGenerator.load(path: "/nonexistent/g.safetensors")
        }
    }
}
