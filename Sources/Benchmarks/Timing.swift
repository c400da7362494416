import Foundation

/// Seconds per call of `body`, measured over repeated calls for at least `minimumSeconds` after `warmup`
/// calls; the median of five rounds, so that a passing hiccup does not decide the figure.
public func secondsPerCall(warmup: Int = 2, minimumSeconds: Double = 0.5, _ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<warmup { try body() }
    var rounds = [Double]()
    for _ in 0..<5 { rounds.append(try secondsPerCallInOneRound(minimumSeconds: minimumSeconds / 5, body)) }
    return median(rounds)
}

/// Seconds per call of each of `bodies`, measured in five interleaved rounds (every body once per round, for
/// at least its share `minimumSeconds[i] / 5`) after `warmup` calls of each; the median round of each body.
/// Interleaving lets every body see the same machine: a slow spell on a shared machine lands on all of them
/// rather than on whichever happened to be running, which keeps their ratios honest.
public func secondsPerCall(warmup: Int = 2, minimumSeconds: [Double], _ bodies: [() throws -> Void]) throws -> [Double] {
    precondition(minimumSeconds.count == bodies.count, "secondsPerCall: one duration per body")
    for body in bodies {
        for _ in 0..<warmup { try body() }
    }
    var rounds = [[Double]](repeating: [], count: bodies.count)
    for _ in 0..<5 {
        for index in bodies.indices {
            rounds[index].append(try secondsPerCallInOneRound(minimumSeconds: minimumSeconds[index] / 5, bodies[index]))
        }
    }
    return rounds.map(median)
}

/// The mean seconds per call of `body` over calls repeated for at least `minimumSeconds`.
private func secondsPerCallInOneRound(minimumSeconds: Double, _ body: () throws -> Void) rethrows -> Double {
    var calls = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    repeat {
        try body()
        calls += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < minimumSeconds
    return elapsed / Double(calls)
}

/// The middle value of an odd number of rounds.
/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
