import Benchmarks
import Foundation
import Testing

@Suite("Benchmark timing")
struct TimingTests {
    @Test func interleavedRoundsCallEveryBodyInTurn() throws {
        final class CallLog { var calls = [Int]() }
        let log = CallLog()
        let times = try secondsPerCall(warmup: 1, minimumSeconds: [0, 0, 0],
                                       [{ log.calls.append(0) }, { log.calls.append(1); usleep(3000) }, { log.calls.append(2) }])
        // Body 1 sleeps 3 ms per call, so its measured time cannot be shorter (a timer that missed the body,
        // or gave another body's figure, fails here).
        #expect(times.count == 3 && times[1] >= 0.003)
        // One warm-up call of each, then five rounds of one call each (a zero duration ends a round at once).
        #expect(log.calls == [0, 1, 2] + Array(repeating: [0, 1, 2], count: 5).flatMap { $0 })
    }

    @Test func aFailingBodyStopsTheMeasurement() {
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            _ = try secondsPerCall(minimumSeconds: [0, 0], [{}, { throw Failure() }])
        }
    }
}
