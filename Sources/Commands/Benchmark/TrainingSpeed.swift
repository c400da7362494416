import ArgumentParser
import Benchmarks
import Foundation

/// Training throughput and input-gradient time of latent classifiers, against PyTorch CPU.
struct TrainingSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Adam training samples per second and input-gradient time of latent classifiers, against PyTorch.",
        discussion: """
            Build in release mode first. Measure on an idle machine: with more busy threads than cores, \
            PyTorch's thread pool slows down many times over. OPENBLAS_NUM_THREADS=1 compares single-threaded.
            """)

    @Option(help: "Batch size of the training steps.") var batch = 64
    @Option(help: "Latents per input-gradient call.") var samples = 10_000
    @Option(help: "Seconds to measure each figure.") var seconds = 2.0
    @Option(help: "Classifiers to measure (\(BenchmarkClassifier.allCases.map(\.rawValue).joined(separator: ", "))).")
    var classifier: [BenchmarkClassifier] = BenchmarkClassifier.allCases
    @Flag(help: "Skip the PyTorch reference.") var swiftOnly = false

    func run() throws {
        let machine = measureSgemm(m: 1024, n: 1024, k: 1024, seconds: seconds / 2)
        print("sgemm 1024x1024x1024: \(format(machine.gigaflops)) GFLOP/s (this machine's rate, the physical limit)")
        for classifier in classifier {
            let figures = measureTrainingBenchmark(classifier, batch: batch, gradientSamples: samples) {
                secondsPerCall(minimumSeconds: seconds, $0)
            }
            print("classifier \(classifier.rawValue) (batch \(batch)): \(format(figures.samplesPerSecond, digits: 0)) samples/s;"
                  + " input gradients of \(samples): \(format(1000 * figures.gradientSeconds, digits: 2)) ms")
            let floor = figures.gradientGemmFlops / (machine.gigaflops * 1e9)
            print("  input gradients: \(format(figures.gradientGemmFlops / 1e9, digits: 3)) GFLOP of GEMMs, at least"
                  + " \(format(1000 * floor, digits: 2)) ms at that rate; Swift reaches \(format(100 * floor / figures.gradientSeconds))% of it")
            if swiftOnly { continue }
            // PyTorch gets as many threads as OpenBLAS (OPENBLAS_NUM_THREADS, else both libraries' default).
            let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"].flatMap(Int.init) ?? 0
            switch PythonReference.run(script: "\(packageRoot())/tools/bench_torch_mlp.py",
                                       arguments: ["--model", classifier.rawValue, "--batch", "\(batch)",
                                                   "--samples", "\(samples)", "--seconds", "\(seconds)",
                                                   "--threads", "\(threads)"]) {
            case .figures(let torch):
                let rate = torch["samples_per_second"] ?? .nan, gradient = torch["gradient_seconds"] ?? .nan
                print("  PyTorch CPU: \(format(rate, digits: 0)) samples/s, input gradients \(format(1000 * gradient, digits: 2)) ms"
                      + " -> Swift/PyTorch = \(format(figures.samplesPerSecond / rate, digits: 2))x training,"
                      + " \(format(gradient / figures.gradientSeconds, digits: 2))x gradients")
            case .unavailable(let reason):
                print("  PyTorch CPU: skipped (\(reason))")
            }
        }
    }
}

extension BenchmarkClassifier: ExpressibleByArgument {}
