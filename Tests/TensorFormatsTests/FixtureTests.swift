import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

@Suite("shared fixtures")
struct FixtureTests {
    @Test("the DCGAN latents fixture reads as float32 [8, 100] with standard-normal-like values")
    func dcganLatents() throws {
        let path = fixturePath("dcgan-digiface-64/z.npy")
        let z = try readNpyTensor(path)
        #expect(z.shape == [8, 100])
        #expect(z.isFinite)
        try requireFinite(z, source: path)
        let mean = z.storage.reduce(0, +) / Float(z.count)
        let variance = z.storage.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(z.count)
        #expect(abs(mean) < 0.2)
        #expect(variance > 0.7 && variance < 1.3)
        #expect(try readNpy(path).elementType == .float32)
    }

    @Test("re-encoding numpy's fixture files reproduces them byte for byte",
          arguments: ["dcgan-digiface-64/z.npy", "labellers-256/z.npy", "dcgan-digiface-64/images.npy"])
    func byteIdenticalToNumpy(relative: String) throws {
        let path = fixturePath(relative)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let array = try readNpy(path)
        #expect(encodeNpy(array) == original)
    }

    @Test("the labeller latents fixture reads as float32 [256, 100]")
    func labellerLatents() throws {
        let z = try readNpyTensor(fixturePath("labellers-256/z.npy"))
        #expect(z.shape == [256, 100])
        #expect(z.isFinite)
    }
}
