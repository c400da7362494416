import Benchmarks
import Testing

@Suite("Benchmark timing")
struct TimingTests {
    @Test func interleavedRoundsCallEveryBodyInTurn() throws {
        final class CallLog { var calls = [Int]() }
        let log = CallLog()
        let times = try secondsPerCall(warmup: 1, minimumSeconds: [0, 0, 0],
                                       [{ log.calls.append(0) }, { log.calls.append(1) }, { log.calls.append(2) }])
        #expect(times.count == 3 && times.allSatisfy { $0 >= 0 })
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
