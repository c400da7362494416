import Foundation
import Generator
import Manifolds
import NumericCore
import Testing

@Suite("The manifolds directions file")
struct DirectionsFileTests {
    @Test func writesUnitDirectionsAndReadsThemBack() throws {
        let generator = try tinyGenerator()
        var random = RandomSource(seed: 11)
        let transform = LinearTransform(directions: 3, latentDimension: 3, random: &random)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("manifolds-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ManifoldDirectionsFile.write(transform: transform, configuration: tinyConfiguration(), generator: generator,
                                         names: ["lightness+", "unclear", "color=blue-"], metricsJSON: "{}", to: path)
        let read = try ManifoldDirectionsFile.readUnitDirections(path, latentDimension: 3)
        #expect(read.map(\.name) == ["lightness+", "unclear", "color=blue-"])
        let unit = transform.unitDirections
        for (k, entry) in read.enumerated() {
            #expect(entry.vector == Array(unit.storage[(k * 3)..<((k + 1) * 3)]))
        }
        #expect(throws: (any Error).self) { try ManifoldDirectionsFile.readUnitDirections(path, latentDimension: 100) }
    }

    @Test func anMLPFileHoldsItsLayersAndTheTangents() throws {
        let generator = try tinyGenerator()
        var random = RandomSource(seed: 12)
        let transform = MLPTransform(directions: 2, hidden: 4, latentDimension: 3, random: &random)
        let (tensors, metadata) = try ManifoldDirectionsFile.contents(transform: transform, configuration: tinyConfiguration(.mlp),
                                                                     generator: generator, names: ["a", "b"], metricsJSON: "{}")
        #expect(tensors.map(\.0) == ["directions", "mlp.w1", "mlp.b1", "mlp.w2"])
        #expect(metadata["transform"] == "mlp" && metadata["method"] == "manifolds-ge2e")
        // The tangent at ε = 0 is the direction of a small step along the path.
        let step = transform.shifts(directions: [1], magnitudes: [1e-2])
        let tangent = tensors[0].1.storage[3..<6]
        let cosine = zip(step.storage, tangent).reduce(Float(0)) { $0 + $1.0 * $1.1 } / 1e-2
        #expect(cosine > 0.999)
    }
}
