import Foundation
import Generator
import GeneratorBridge
import NumericCore

/// Images per second through the worker bridge against the same worker's own render loop, batch for batch.
public struct WorkerFigures: Sendable {
    /// Batch size measured.
    public let batch: Int
    /// Seconds per batch through the bridge (frames, pipes, checks), one per round.
    public let bridgeSeconds: [Double]
    /// Seconds per batch of the worker's own loop, timed inside the worker, one per round.
    public let ownSeconds: [Double]
    /// Images per second through the bridge (median round).
    public var bridgeImagesPerSecond: Double { Double(batch) / median(bridgeSeconds) }
    /// Images per second of the worker's own loop (median round).
    public var ownImagesPerSecond: Double { Double(batch) / median(ownSeconds) }
    /// The bridge's share of the worker's own rate.
    public var ratio: Double { bridgeImagesPerSecond / ownImagesPerSecond }
}

/// Measures `rounds` interleaved rounds: one batch of `batch` latents rendered through the bridge, then one batch
/// timed by the worker inside its own loop; after one warm-up batch of each.
public func measureWorker(_ worker: WorkerGenerator, batch: Int = renderBatchSize, rounds: Int = 5) throws -> WorkerFigures {
    var random = RandomSource(seed: 0)
    let latents = worker.samplePrior(count: batch, random: &random)
    _ = try worker.render(latents)
    var bridge = [Double](), own = [Double]()
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try worker.render(latents)
        bridge.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        own += try worker.timeOwnRender(batch: batch, rounds: 1)
    }
    return WorkerFigures(batch: batch, bridgeSeconds: bridge, ownSeconds: own)
}
