import Foundation
import Manifolds
import Diagnostics

/// Progress lines on stderr: every `every` steps, the mean losses and accuracy since the last line, the rate
/// and the time left.
final class TrainingLog {
    let total: Int, every: Int, start: Int
    private var sums = [Double](repeating: 0, count: 5), count = 0
    private let began = Date()
    private var lastLine = Date()

    init(total: Int, every: Int, start: Int) {
        self.total = total
        self.every = every
        self.start = start
    }

    func record(_ step: Int, _ losses: PairLosses) {
        for (i, v) in [losses.total, losses.classification, losses.shift, losses.centroid, losses.accuracy].enumerated() {
            sums[i] += Double(v)
        }
        count += 1
        guard step % every == 0 || step == total else { return }
        let m = sums.map { $0 / Double(count) }
        let elapsed = Date().timeIntervalSince(began)
        let rate = Double(step - start) / max(elapsed, 1e-9)
        printError(String(format: "step %d/%d  loss %.3f  ce %.3f  |ε̂-ε| %.3f  centroid %.3f  acc %.3f  %.2f steps/s  %.0f s left",
                          step, total, m[0], m[1], m[2], m[3], m[4], rate, Double(total - step) / max(rate, 1e-9)))
        sums = sums.map { _ in 0 }
        count = 0
        lastLine = Date()
    }

    var summary: String {
        let elapsed = Date().timeIntervalSince(began)
        return String(format: "trained %d steps in %.0f s (%.2f steps/s)", total - start, elapsed, Double(total - start) / max(elapsed, 1e-9))
    }
}
