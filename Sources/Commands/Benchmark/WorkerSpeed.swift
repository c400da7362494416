import ArgumentParser
import Benchmarks
import CommandSupport
import Generator

/// Images per second through a generator worker against the same worker's own render loop.
struct WorkerSpeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Images per second through a generator worker's bridge, against the worker's own loop.",
        discussion: """
            Renders --batch latents through the bridge (frames over pipes, every reply checked) and asks the \\
            worker to time the same batch in its own loop, in --rounds interleaved rounds; prints the medians \\
            and their ratio.

            Examples:
              swift run -c release Benchmark worker \\
                  --generator tools/workers/numpy_dcgan.json
            """)

    @OptionGroup var generatorWorker: GeneratorWorkerOption
    @Option(help: "Latents rendered at once.") var batch = renderBatchSize
    @Option(help: "Interleaved rounds.") var rounds = 5

    func validate() throws {
        if !generatorWorker.choosesWorker { throw ValidationError("give --generator SPEC: the worker to measure") }
        if !(1...4096).contains(batch) { throw ValidationError("--batch must be between 1 and 4096") }
        if !(1...100).contains(rounds) { throw ValidationError("--rounds must be between 1 and 100") }
    }

    func run() throws {
        guard let worker = try generatorWorker.loadWorker() else { return }
        defer { generatorWorker.stop(worker) }
        let figures = try measureWorker(worker, batch: batch, rounds: rounds)
        print("worker \(worker.identifier) (batch \(batch), \(rounds) rounds):")
        print("  through the bridge: \(format(figures.bridgeImagesPerSecond)) images/s"
              + " (seconds per batch: \(figures.bridgeSeconds.map { format($0, digits: 3) }.joined(separator: ", ")))")
        print("  the worker's own loop: \(format(figures.ownImagesPerSecond)) images/s"
              + " (seconds per batch: \(figures.ownSeconds.map { format($0, digits: 3) }.joined(separator: ", ")))")
        print("  bridge / own: \(format(figures.ratio, digits: 2))x")
    }
}
