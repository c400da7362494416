import ArgumentParser
import Benchmarks
import Foundation
import Generator

/// `Benchmark`: release-mode figures against PyTorch CPU and the machine's own sgemm rate.
@main
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Benchmark",
        abstract: "Measure the workbench's speed against ONNX Runtime, PyTorch CPU and this machine's sgemm rate and FMA peak.",
        discussion: """
            Build in release mode first: swift run -c release Benchmark. Each figure is measured in this \
            run, in interleaved rounds (the generator and its GEMMs alternating; the generator and its peers \
            taking turns). ONNX Runtime's and PyTorch's generator figures come from workers started by python3 \
            (pip install onnxruntime; pip install torch==2.13.0 for the CPU wheel), the training figures from \
            tools/bench_torch_mlp.py. Without a peer its ratio is skipped and the reason printed.
            """,
        subcommands: [GeneratorSpeed.self, TrainingSpeed.self, WorkerSpeed.self],
        defaultSubcommand: GeneratorSpeed.self)
}

/// The generator's images per second, its GEMM-bound limit, the machine's FMA peak, and ONNX Runtime's and
/// PyTorch's rates in interleaved rounds.
struct GeneratorSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generator",
        abstract: "Images per second of the embedded generator against its GEMM-bound limit, the FMA peak, ONNX Runtime and PyTorch.",
        discussion: """
            First the generator and each layer's GEMM in alternating rounds (--seconds), and the machine's FMA \
            peak (cores x measured clock x vector width x 2 FLOP per FMA x 2 FMA units; README, "Benchmark"). \
            Then the race: ONNX Runtime (pip install onnxruntime; tools/workers/onnxruntime_dcgan.py runs \
            tools/export_onnx.py's export of the same checkpoint) and PyTorch (tools/workers/torch_generic.py) \
            serve the generator as workers with --threads intra-op threads; each must match the workbench's \
            images within 1e-4 on 16 fixed latents, and then --rounds rounds time the workbench and each peer in \
            turn, about --round-seconds each. A peer whose module cannot be imported is skipped with the reason.
            """)

    @Option(help: "Latents rendered at once.") var batch = renderBatchSize
    @Option(help: "Seconds to measure the generator against its GEMMs.") var seconds = 3.0
    @Option(help: "Interleaved rounds of the race against ONNX Runtime and PyTorch.") var rounds = 5
    @Option(help: "Seconds each program renders in each round of the race.") var roundSeconds = 1.0
    @Option(help: "Intra-op threads of ONNX Runtime and PyTorch (default: the cores the workbench splits over).")
    var threads: Int?
    @Flag(help: "Skip ONNX Runtime and PyTorch.") var swiftOnly = false

    func validate() throws {
        if !(1...4096).contains(batch) { throw ValidationError("--batch must be between 1 and 4096") }
        if !(1...100).contains(rounds) { throw ValidationError("--rounds must be between 1 and 100") }
        if !(roundSeconds > 0 && roundSeconds <= 60) { throw ValidationError("--round-seconds must be above 0 and at most 60") }
        if !(seconds > 0 && seconds <= 600) { throw ValidationError("--seconds must be above 0 and at most 600") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

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
        let peak = measureMachinePeak()
        let orderedFlops = figures.orderedGemms.reduce(0.0) { $0 + $1.flops }
        let orderedSeconds = figures.orderedGemms.reduce(0.0) { $0 + $1.seconds }
        let orderedGigaflops: Double = orderedFlops / orderedSeconds / 1e9
        let reported: String = peak.reportedGigahertz.map { "; /proc/cpuinfo says \(format($0, digits: 2))" } ?? ""
        var line = "  FMA peak: \(peak.cores) cores x \(format(peak.measuredGigahertz, digits: 2)) GHz"
        line += " (measured by a dependent-add chain\(reported)) x \(peak.vectorFloats) floats (\(peak.instructionSet))"
        line += " x 2 FLOP per FMA x \(peak.fmaUnits) FMA units = \(format(peak.gigaflops)) GFLOP/s"
        print(line)
        let generatorGigaflops: Double = figures.imagesPerSecond * figures.gigaflopsPerImage
        line = "  of that peak: sgemm at the generator's shapes \(format(100 * figures.gemmGigaflops / peak.gigaflops))%,"
        line += " the ordered product \(format(100 * orderedGigaflops / peak.gigaflops))%,"
        line += " the generator \(format(100 * generatorGigaflops / peak.gigaflops))% (its GEMM FLOPs only)"
        print(line)
        if peak.cpuVectorFloats > peak.vectorFloats {
            print("  with the CPU's own widest vectors, \(peak.cpuVectorFloats) floats, which a peer may use: \(format(peak.cpuGigaflops)) GFLOP/s"
                  + " (the peers' shares below are of that)")
        }
        if swiftOnly { return }
        let root = packageRoot()
        let checkpoint = "\(root)/\(DCGANGenerator.embeddedCheckpointPath)"
        let peerThreads = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let race = try raceGenerator(generator, peers: [.onnxRuntime(root: root, checkpoint: checkpoint, threads: peerThreads),
                                                        .pyTorch(root: root, checkpoint: checkpoint, threads: peerThreads)],
                                     batch: batch, rounds: rounds, roundSeconds: roundSeconds)
        printRace(race, threads: peerThreads, peak: peak, gigaflopsPerImage: figures.gigaflopsPerImage)
    }

    /// The race's lines: each program's median images/s with its range over the rounds, the per-round ratios.
    func printRace(_ race: GeneratorRace, threads: Int, peak: MachinePeak, gigaflopsPerImage: Double) {
        let swift = imagesPerSecond(batch: race.batch, secondsPerRound: race.swiftSecondsPerRound)
        func spread(_ rates: [Double]) -> String {
            "\(format(medianValue(rates))) images/s (median; \(format(rates.min()!))–\(format(rates.max()!)) over \(rates.count) rounds)"
        }
        func ofPeak(_ rates: [Double], _ gigaflops: Double) -> String {
            "\(format(100 * medianValue(rates) * gigaflopsPerImage / gigaflops))% of the FMA peak"
        }
        print("race (batch \(race.batch), \(race.swiftSecondsPerRound.count) interleaved rounds; peers on \(threads) intra-op threads,"
              + " the workbench on \(ProcessInfo.processInfo.activeProcessorCount) cores with OpenBLAS on one thread in each):")
        print("  Swift: \(spread(swift)), \(ofPeak(swift, peak.gigaflops))")
        for (peer, outcome) in race.peers {
            switch outcome {
            case .unavailable(let reason):
                print("  \(peer.name): skipped (\(reason))")
            case .measured(let version, let difference, let seconds):
                let rates = imagesPerSecond(batch: race.batch, secondsPerRound: seconds)
                let ratios: [Double] = zip(swift, rates).map { $0 / $1 }
                let check = difference <= 1e-4 ? "within 1e-4" : "MORE than 1e-4: not the same generator"
                let shown = String(format: "%.2e", Double(difference))
                print("  \(peer.name) \(version): \(spread(rates)), \(ofPeak(rates, peak.cpuGigaflops));"
                      + " max |difference| from Swift on \(race.checkedLatents) fixed latents \(shown) (\(check))")
                let low = format(ratios.min()!, digits: 2), high = format(ratios.max()!, digits: 2)
                print("    Swift/\(peer.name) = \(format(medianValue(ratios), digits: 2))x (median of the rounds' ratios; \(low)–\(high))")
            }
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
