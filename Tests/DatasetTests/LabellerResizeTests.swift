import Foundation
import Labellers
import NumericCore
import Testing

@Suite("Labellers on images larger than 64 × 64")
struct LabellerResizeTests {
    @Test("a 256 × 256 image is area-resized to 64 × 64: each pixel the mean of its 4 × 4 block; labels as at 64")
    func areaResize() {
        var random = RandomSource(seed: 4)
        let small = Tensor(shape: [1, 3, 64, 64], storage: (0..<(3 * 64 * 64)).map { _ in random.uniform(-1, 1) })
        // Each small pixel becomes a 4 × 4 block whose values average to it: ±d around it in a fixed pattern.
        var large = [Float](repeating: 0, count: 3 * 256 * 256)
        for channel in 0..<3 {
            for row in 0..<256 {
                for column in 0..<256 {
                    let value = small.storage[(channel * 64 + row / 4) * 64 + column / 4]
                    large[(channel * 256 + row) * 256 + column] = value + ((row + column) % 2 == 0 ? 0.25 : -0.25) * 0.01
                }
            }
        }
        let resized = PlanarImage(generatorOutput: Tensor(shape: [1, 3, 256, 256], storage: large), index: 0)
        let direct = PlanarImage(generatorOutput: small, index: 0)
        #expect(resized.width == 64 && resized.height == 64)
        let largest = zip(resized.values, direct.values).map { abs($0 - $1) }.max() ?? 1
        #expect(largest < 1e-5, "largest difference \(largest)")
        for labeller in BuiltInLabellers.all {
            #expect(labeller.label(resized).classIndex == labeller.label(direct).classIndex, "\(labeller.name)")
        }
        #expect(PlanarImage.labellersRead([3, 1024, 1024]) && PlanarImage.labellersRead([3, 64, 64]))
        #expect(!PlanarImage.labellersRead([3, 96, 96]) && !PlanarImage.labellersRead([3, 128, 64])
                && !PlanarImage.labellersRead([1, 64, 64]) && !PlanarImage.labellersRead([3, 32, 32]))
    }
}
