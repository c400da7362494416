import CommandTestSupport
import Discovery
import Generator
import Diagnostics
import Foundation
import NumericCore
import TensorFormats
import Testing

/// A small file with a linear direction, a latent-conditioned MLP path and a method tensor.
func sampleDirectionsFile(dimension d: Int = 6, generator: String = "dcgan-digiface-64") -> DirectionsFile {
    var random = RandomSource(seed: 9)
    var v = random.normals(d)
    let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
    v = v.map { $0 / length }
    let mlp = MLPPath(layers: [
        MLPPath.Layer(weight: Tensor(shape: [4, d + 1], storage: random.normals(4 * (d + 1))), bias: Tensor(shape: [4], storage: random.normals(4)), activation: .tanh),
        MLPPath.Layer(weight: Tensor(shape: [d, 4], storage: random.normals(4 * d)), bias: Tensor(shape: [d], storage: random.normals(d)), activation: .identity),
    ], conditionedOnLatent: true)
    return DirectionsFile(
        generator: GeneratorIdentity(identifier: generator, checkpointSHA256: "ab12", latentDimension: d),
        method: "tca", settings: ["block": "1"],
        directions: [
            DiscoveredDirection(id: "C1", label: "lightness.light", sigma: 2.5, path: .linear(v), summary: "channel component 1", details: ["mode": 0]),
            DiscoveredDirection(id: "M0", sigma: 0.5, path: .mlp(mlp), summary: "a curved path"),
        ],
        methodTensors: ["tca.basis.channel": (NumericArray(shape: [2, 3], data: .float64([1, 0, 0, 0, 1, 0])), "rows are components")])
}

@Suite struct DirectionsFileTests {
    @Test func writesAndReadsBackTheSameDirectionsAndBytes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let file = sampleDirectionsFile()
        try file.write(to: folder.path("a.safetensors"))
        try file.write(to: folder.path("b.safetensors"))
        #expect(try Data(contentsOf: folder.url.appendingPathComponent("a.safetensors")) == Data(contentsOf: folder.url.appendingPathComponent("b.safetensors")))
        let read = try DirectionsFile.read(from: folder.path("a.safetensors"))
        #expect(read == file)
        #expect(read.direction("lightness.light")?.id == "C1")
        #expect(read.direction("lightness+")?.id == "C1", "the older form of the label picks it too")
        #expect(read.direction("M0")?.sigma == 0.5)
    }

    @Test func linearMovesAreStraightAndMLPMovesStartAtTheLatent() {
        let file = sampleDirectionsFile()
        var random = RandomSource(seed: 1)
        let z = Tensor(shape: [3, 6], storage: random.normals(18))
        let linear = file.directions[0]
        let moved = linear.moved(z, strength: 2)
        guard case .linear(let v) = linear.path else { Issue.record("not linear"); return }
        for i in 0..<18 { #expect(abs(moved.storage[i] - z.storage[i] - 5 * v[i % 6]) < 1e-5) }
        let curved = file.directions[1]
        #expect(curved.moved(z, strength: 0) == z)
        let path = curved.path(from: z, strength: 3, steps: 4)
        #expect(path.shape == [3, 5, 6])
        let end = curved.moved(z, strength: 3)
        for row in 0..<3 { for j in 0..<6 { #expect(path.storage[(row * 5 + 4) * 6 + j] == end.storage[row * 6 + j]) } }
    }

    func problem(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as FileError { return error.description } catch { return "not a FileError: \(error)" }
    }

    @Test func refusesTruncatedMisshapenForeignAndStrayFilesInOneLine() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let path = folder.path("d.safetensors")
        try sampleDirectionsFile().write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        let truncated = folder.path("truncated.safetensors")
        try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: truncated))
        let message = problem { _ = try DirectionsFile.read(from: truncated) }
        #expect(message?.hasPrefix(truncated + ": ") == true, "\(message ?? "no error")")

        let foreign = problem {
            _ = try DirectionsFile.read(from: path, expecting: GeneratorIdentity(identifier: "other-gan", checkpointSHA256: "ff", latentDimension: 6))
        }
        #expect(foreign?.contains("made for generator dcgan-digiface-64") == true, "\(foreign ?? "no error")")

        // A linear direction of the wrong length.
        let file = try readSafeTensors(path)
        var arrays = file.tensors.mapValues(\.array)
        arrays["direction.C1"] = NumericArray(shape: [5], data: .float32([1, 0, 0, 0, 0]))
        let misshapen = folder.path("misshapen.safetensors")
        try writeSafeTensors(arrays: arrays, metadata: file.metadata, to: misshapen)
        let shape = problem { _ = try DirectionsFile.read(from: misshapen) }
        #expect(shape == "\(misshapen): direction 'C1': tensor 'direction.C1' has shape [5], expected [6]")

        arrays = file.tensors.mapValues(\.array)
        arrays["extra"] = NumericArray(shape: [1], data: .float32([1]))
        let stray = folder.path("stray.safetensors")
        try writeSafeTensors(arrays: arrays, metadata: file.metadata, to: stray)
        #expect(problem { _ = try DirectionsFile.read(from: stray) } == "\(stray): tensor 'extra' is not described by the metadata")

        let bundleLike = folder.path("bundle.safetensors")
        try writeSafeTensors(arrays: arrays, metadata: ["bundle": "{}"], to: bundleLike)
        #expect(problem { _ = try DirectionsFile.read(from: bundleLike) }?.contains("not a directions file") == true)

        var bad = sampleDirectionsFile()
        bad.directions = [DiscoveredDirection(id: "../x", sigma: 1, path: bad.directions[0].path, summary: "")]
        let badID = folder.path("bad-id.safetensors")
        try bad.write(to: badID)
        #expect(problem { _ = try DirectionsFile.read(from: badID) }?.contains("is not a plain name") == true)
        for message in [message, foreign, shape] { #expect(message?.contains("\n") == false) }
    }

    @Test func theNumPyReaderMovesLatentsAsSwiftDoes() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let file = sampleDirectionsFile()
        try file.write(to: folder.path("d.safetensors"))
        let z = gaussianLatents(5, 6, seed: 2)
        try writeNpy(z, to: folder.path("z.npy"))
        for (key, strength) in [("C1", -1.5), ("lightness.light", 2.0), ("lightness+", 1.0), ("M0", 3.0)] {
            let run = try runProcess("/usr/bin/env", ["python3", packageRoot.appendingPathComponent("tools/directions_apply.py").path,
                                                      folder.path("d.safetensors"), folder.path("z.npy"), "--component", key,
                                                      "--strength", String(strength), "--out", folder.path("moved.npy")])
            try #require(run.status == 0, "tools/directions_apply.py failed (it needs python3 with numpy): \(run.error)")
            let python = try readNpyTensor(folder.path("moved.npy"))
            let swift = file.direction(key)!.moved(z, strength: strength)
            let largest = zip(python.storage, swift.storage).map { abs($0 - $1) }.max()!
            #expect(python.shape == [5, 6] && largest < 1e-4, "\(key): largest difference \(largest)")
        }
    }
}
