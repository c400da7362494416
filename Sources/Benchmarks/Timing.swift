import Foundation

/// Seconds per call of `body`, measured over repeated calls for at least `minimumSeconds` after `warmup`
/// calls; the median of five rounds, so that a passing hiccup does not decide the figure.
public func secondsPerCall(warmup: Int = 2, minimumSeconds: Double = 0.5, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var rounds = [Double]()
    for _ in 0..<5 {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            try body()
            calls += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < minimumSeconds / 5
        rounds.append(elapsed / Double(calls))
    }
    return rounds.sorted()[2]
}
