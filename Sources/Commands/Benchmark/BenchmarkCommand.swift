import ArgumentParser
import Benchmarks
import Foundation
import Generator

/// `Benchmark`: release-mode figures against PyTorch CPU and the machine's own sgemm rate.
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Benchmark",
        abstract: "Measure the workbench's speed against PyTorch CPU and this machine's sgemm rate.",
        discussion: """
            Build in release mode first: swift run -c release Benchmark. Each figure is measured in this \
            run, as the median of five rounds (the generator and its GEMMs in alternating rounds); PyTorch's \
            come from tools/bench_*.py run by python3 in the same run (pip install torch==2.13.0 for the CPU \
            wheel). Without torch the ratios are skipped and the reason printed.
            """,
        subcommands: [GeneratorSpeed.self, TrainingSpeed.self, WorkerSpeed.self],
        defaultSubcommand: GeneratorSpeed.self)
}

/// The generator's images per second, its GEMM-bound limit, and PyTorch's rate.
struct GeneratorSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generator",
        abstract: "Images per second of the embedded generator at a batch size, against its GEMM-bound limit and PyTorch.")

    @Option(help: "Batch size.") var batch = 64
    @Option(help: "Seconds to measure each figure.") var seconds = 3.0

    func run() throws {
        let generator = try DCGANGenerator.embedded()
        let figures = try measureGenerator(generator, batch: batch, seconds: seconds)
        print("generator (batch \(batch)): \(format(figures.imagesPerSecond)) images/s")
        for (gemm, ordered) in zip(figures.gemms, figures.orderedGemms) {
            print("  sgemm m=\(gemm.m) n=\(gemm.n) k=\(gemm.k): \(format(gemm.gigaflops)) GFLOP/s"
                  + " (ordered product, which the generator runs: \(format(ordered.gigaflops)) GFLOP/s)")
        }
        print("  BLAS kernels: \(figures.blasKernels); ordered product on \(figures.orderedInstructionSet)")
        print("  GEMM work: \(format(figures.gigaflopsPerImage, digits: 3)) GFLOP/image at \(format(figures.gemmGigaflops)) GFLOP/s"
              + " -> limit \(format(figures.gemmBoundImagesPerSecond)) images/s")
        print("  fraction of the GEMM-bound limit: \(format(100 * figures.fractionOfLimit))%")
        let root = packageRoot()
        switch PythonReference.run(script: "\(root)/tools/bench_torch_generator.py",
                                   arguments: ["\(root)/\(DCGANGenerator.embeddedCheckpointPath)",
                                               "--batch", "\(batch)", "--seconds", "\(seconds)"]) {
        case .figures(let torch):
            let rate = torch["images_per_second"] ?? .nan
            print("  PyTorch CPU: \(format(rate)) images/s -> Swift/PyTorch = \(format(figures.imagesPerSecond / rate, digits: 2))x")
        case .unavailable(let reason):
            print("  PyTorch CPU: skipped (\(reason))")
        }
    }
}

/// The package root: the directory holding `checkpoints/`, found from the embedded checkpoint.
func packageRoot() -> String {
    let checkpoint = DCGANGenerator.locateEmbeddedCheckpoint() ?? DCGANGenerator.embeddedCheckpointPath
    return URL(fileURLWithPath: checkpoint).deletingLastPathComponent().deletingLastPathComponent().path
}

/// A number with a fixed count of decimals.
func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
