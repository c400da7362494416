import Kernels
import NumericCore
import Generator

/// The generator's throughput next to the physical limit that its GEMMs set on this machine.
public struct GeneratorFigures: Sendable {
    /// Batch size measured.
    public let batch: Int
    /// Images per second of the full forward pass.
    public let imagesPerSecond: Double
    /// Each layer's GEMM through BLAS (`cblas_sgemm`), timed alone at this batch size: the machine's rate.
    public let gemms: [GemmRate]
    /// The same products through the ordered product the generator runs (``orderedSgemm``), timed alike.
    public let orderedGemms: [GemmRate]
    /// The BLAS kernels in use (`Haswell`, `Cooperlake`, …).
    public let blasKernels = blasSetup.kernels
    /// The instruction set the ordered product runs on (`avx512`, `avx2`, `sse2`).
    public let orderedInstructionSet = orderedProductInstructionSet
    /// GFLOP per image of the GEMMs (0.209 for the embedded DCGAN).
    public var gigaflopsPerImage: Double { gemms.reduce(0) { $0 + $1.flops } / Double(batch) / 1e9 }
    /// GFLOP/s of all the GEMMs together: their FLOPs over their summed time.
    public var gemmGigaflops: Double { gemms.reduce(0) { $0 + $1.flops } / gemms.reduce(0) { $0 + $1.seconds } / 1e9 }
    /// Images per second if the forward pass did nothing but its GEMMs.
    public var gemmBoundImagesPerSecond: Double { Double(batch) / gemms.reduce(0) { $0 + $1.seconds } }
    /// The share of the GEMM-bound limit that the generator reaches.
    public var fractionOfLimit: Double { imagesPerSecond / gemmBoundImagesPerSecond }
}

/// Measures the generator's images per second at `batch`, and the rates of `cblas_sgemm` and of the ordered
/// product on each of its layers' GEMM shapes in the same run, in interleaved rounds (`seconds` for the
/// generator, a fifth of that for each GEMM).
public func measureGenerator(_ generator: DCGANGenerator, batch: Int = renderBatchSize, seconds: Double = 3) throws -> GeneratorFigures {
    var random = RandomSource(seed: 0)
    let z = generator.samplePrior(count: batch, random: &random)
    let shapes = generator.gemmShapes(batch: batch)
    let gemmBodies = shapes.map { sgemmCall(m: $0.m, n: $0.n, k: $0.k, random: &random) }
    let orderedBodies = shapes.map { sgemmCall(m: $0.m, n: $0.n, k: $0.k, ordered: true, random: &random) }
    let times = try secondsPerCall(minimumSeconds: [seconds] + (shapes + shapes).map { _ in seconds / 5 },
                                   [{ _ = try generator.render(z) }] + gemmBodies + orderedBodies)
    func rates(_ times: ArraySlice<Double>) -> [GemmRate] {
        zip(shapes, times).map { shape, time in GemmRate(m: shape.m, n: shape.n, k: shape.k, seconds: time) }
    }
    return GeneratorFigures(batch: batch, imagesPerSecond: Double(batch) / times[0],
                            gemms: rates(times[1...shapes.count]), orderedGemms: rates(times[(shapes.count + 1)...]))
}
