import Foundation
import Generator
import GeneratorBridge
import NumericCore

/// Another runtime serving the embedded generator through a generator worker (docs/generator-worker.md), to
/// race the workbench against: ONNX Runtime or PyTorch, started by python3 with a pinned thread count.
public struct GeneratorPeer: Sendable {
    /// The name printed ("ONNX Runtime", "PyTorch CPU").
    public let name: String
    /// The Python module the worker needs; when `python3 -c "import <module>"` fails the peer is skipped.
    public let module: String
    /// The worker's command line.
    public let command: [String]

    /// A peer from its parts.
    public init(name: String, module: String, command: [String]) {
        self.name = name
        self.module = module
        self.command = command
    }
}

/// One peer's figures in a race, or why it did not run.
public enum PeerOutcome: Sendable {
    /// It ran: its module's version, the largest difference of its images from the workbench's on the check
    /// latents, and its seconds per batch in each round (the mean over the round's batches).
    case measured(version: String, maxAbsDifference: Float, secondsPerRound: [Double])
    /// It did not run, and why.
    case unavailable(String)
}

/// The workbench's generator and its peers, batch for batch in interleaved rounds.
public struct GeneratorRace: Sendable {
    /// Batch size.
    public let batch: Int
    /// Latents whose images were compared.
    public let checkedLatents: Int
    /// The workbench's seconds per batch in each round (the mean over the round's batches).
    public let swiftSecondsPerRound: [Double]
    /// Each peer and how it did.
    public let peers: [(peer: GeneratorPeer, outcome: PeerOutcome)]
}

/// Images per second of each round.
public func imagesPerSecond(batch: Int, secondsPerRound: [Double]) -> [Double] {
    secondsPerRound.map { Double(batch) / $0 }
}

/// The median of `values`.
public func medianValue(_ values: [Double]) -> Double { median(values) }

/// Races `generator` against `peers`: each peer is started, must declare the generator's name and weights
/// digest, and renders `checkLatents` latents of a fixed stream, compared with the workbench's images (the
/// largest absolute difference is returned); then `rounds` interleaved rounds, each timing the workbench's
/// `render` of `batch` latents for about `roundSeconds`, and then each peer's own loop (the worker's
/// `time_render`, timed inside the worker) for about as long. A peer that cannot start or fails is reported with
/// its reason, and the others go on.
public func raceGenerator(_ generator: DCGANGenerator, peers: [GeneratorPeer], batch: Int = renderBatchSize, rounds: Int = 5,
                          roundSeconds: Double = 1, checkLatents: Int = 16) throws -> GeneratorRace {
    var random = RandomSource(seed: 1)
    let check = generator.samplePrior(count: checkLatents, random: &random)
    let expected = try generator.render(check)
    var started = [(worker: WorkerGenerator, batches: Int)?]()
    var outcomes = [PeerOutcome]()
    for peer in peers {
        switch startPeer(peer, generator: generator, check: check, expected: expected, batch: batch, roundSeconds: roundSeconds) {
        case .success(let (worker, version, difference, batches)):
            started.append((worker, batches))
            outcomes.append(.measured(version: version, maxAbsDifference: difference, secondsPerRound: []))
        case .failure(let reason):
            started.append(nil)
            outcomes.append(.unavailable(reason.description))
        }
    }
    defer { for peer in started { peer?.worker.stop() } }
    let z = generator.samplePrior(count: batch, random: &random)
    for _ in 0..<2 { _ = try generator.render(z) }
    var swift = [Double]()
    for _ in 0..<rounds {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            _ = try generator.render(z)
            calls += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < roundSeconds
        swift.append(elapsed / Double(calls))
        for index in peers.indices {
            guard let peer = started[index], case .measured(let version, let difference, let seconds) = outcomes[index] else { continue }
            do {
                let times = try peer.worker.timeOwnRender(batch: batch, rounds: peer.batches)
                outcomes[index] = .measured(version: version, maxAbsDifference: difference,
                                            secondsPerRound: seconds + [times.reduce(0, +) / Double(times.count)])
            } catch {
                outcomes[index] = .unavailable("failed during the rounds: \(error)")
                peer.worker.stop()
                started[index] = nil
            }
        }
    }
    return GeneratorRace(batch: batch, checkedLatents: checkLatents, swiftSecondsPerRound: swift,
                         peers: Array(zip(peers, outcomes)))
}

/// Why a peer is not in the race.
struct PeerProblem: Error, CustomStringConvertible {
    let description: String
}

/// Starts `peer`'s worker and checks it: its module imports, it serves the same generator (name and weights
/// digest), its images of `check` are within reach of `expected` (the difference is returned, not judged), and
/// how many batches of `batch` fill about `roundSeconds` of its own loop.
private func startPeer(_ peer: GeneratorPeer, generator: DCGANGenerator, check: Tensor, expected: Tensor, batch: Int,
                       roundSeconds: Double) -> Result<(WorkerGenerator, String, Float, Int), PeerProblem> {
    let version: String
    switch pythonModuleVersion(peer.module) {
    case .failure(let problem): return .failure(problem)
    case .success(let found): version = found
    }
    let worker: WorkerGenerator
    do {
        worker = try WorkerGenerator(spec: WorkerSpec(path: peer.name, command: peer.command, timeoutSeconds: 600))
    } catch {
        return .failure(PeerProblem(description: "its worker did not start: \(error)"))
    }
    guard worker.identifier == generator.identifier, worker.checkpointSHA256 == generator.checkpointSHA256 else {
        worker.stop()
        return .failure(PeerProblem(description: "its worker serves \(worker.identifier) with weights \(worker.checkpointSHA256 ?? "(none)"), not \(generator.identifier) with \(generator.checkpointSHA256 ?? "(none)")"))
    }
    do {
        let images = try worker.render(check)
        let difference = zip(images.storage, expected.storage).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        let warm = try worker.timeOwnRender(batch: batch, rounds: 2)
        let batches = max(1, Int((roundSeconds / max(warm.min()!, 1e-6)).rounded()))
        return .success((worker, version, difference, batches))
    } catch {
        worker.stop()
        return .failure(PeerProblem(description: "its worker failed: \(error)"))
    }
}

/// The version of the Python module `name` (`python3 -c "import name; print(name.__version__)"`), or why it
/// cannot be imported (the last line python3 printed, e.g. "ModuleNotFoundError: No module named 'onnxruntime'").
func pythonModuleVersion(_ name: String) -> Result<String, PeerProblem> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import \(name); print(getattr(\(name), '__version__', 'unknown'))"]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    do { try process.run() } catch { return .failure(PeerProblem(description: "python3 could not start: \(error)")) }
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let last = message.split(separator: "\n").last.map(String.init) ?? "python3 exited with status \(process.terminationStatus)"
        return .failure(PeerProblem(description: "\(name) cannot be imported (\(last); pip install \(name))"))
    }
    return .success(printed.trimmingCharacters(in: .whitespacesAndNewlines))
}
