import Kernels
import NumericCore
import Generator

/// One GEMM shape of the generator's forward pass and the rate BLAS reaches on it.
public struct GemmRate: Sendable {
    /// Rows of the product.
    public let m: Int
    /// Columns of the product.
    public let n: Int
    /// Inner dimension.
    public let k: Int
    /// Seconds per product.
    public let seconds: Double
    /// Floating-point operations per product: 2·m·n·k.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
    /// Achieved GFLOP/s.
    public var gigaflops: Double { flops / seconds / 1e9 }
}

/// The generator's throughput next to the physical limit that its GEMMs set on this machine.
public struct GeneratorFigures: Sendable {
    /// Batch size measured.
    public let batch: Int
    /// Images per second of the full forward pass.
    public let imagesPerSecond: Double
    /// Each layer's GEMM, timed alone at this batch size.
    public let gemms: [GemmRate]
    /// GFLOP per image of the GEMMs (0.209 for the embedded DCGAN).
    public var gigaflopsPerImage: Double { gemms.reduce(0) { $0 + $1.flops } / Double(batch) / 1e9 }
    /// GFLOP/s of all the GEMMs together: their FLOPs over their summed time.
    public var gemmGigaflops: Double { gemms.reduce(0) { $0 + $1.flops } / gemms.reduce(0) { $0 + $1.seconds } / 1e9 }
    /// Images per second if the forward pass did nothing but its GEMMs.
    public var gemmBoundImagesPerSecond: Double { Double(batch) / gemms.reduce(0) { $0 + $1.seconds } }
    /// The share of the GEMM-bound limit that the generator reaches.
    public var fractionOfLimit: Double { imagesPerSecond / gemmBoundImagesPerSecond }
}

/// Measures the generator's images per second at `batch`, and the rate of `cblas_sgemm` on each of its
/// layers' GEMM shapes in the same run, in interleaved rounds (`seconds` for the generator, a fifth of that
/// for each GEMM).
public func measureGenerator(_ generator: DCGANGenerator, batch: Int = 64, seconds: Double = 3) throws -> GeneratorFigures {
    var random = RandomSource(seed: 0)
    let z = generator.samplePrior(count: batch, random: &random)
    let shapes = generator.gemmShapes(batch: batch)
    let operands = shapes.map { shape in
        (a: random.normals(shape.k * shape.m), b: random.normals(shape.k * shape.n),
         c: [Float](repeating: 0, count: shape.m * shape.n))
    }
    let gemmBodies: [() throws -> Void] = shapes.indices.map { index in
        let shape = shapes[index]
        var (a, b, c) = operands[index]
        return { sgemm(transposeA: true, m: shape.m, n: shape.n, k: shape.k, a: a, b: b, c: &c) }
    }
    let times = try secondsPerCall(minimumSeconds: [seconds] + shapes.map { _ in seconds / 5 },
                                   [{ _ = try generator.render(z) }] + gemmBodies)
    let gemms = zip(shapes, times.dropFirst()).map { shape, time in
        GemmRate(m: shape.m, n: shape.n, k: shape.k, seconds: time)
    }
    return GeneratorFigures(batch: batch, imagesPerSecond: Double(batch) / times[0], gemms: gemms)
}
