import Foundation

/// Evenly spaced "round" tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering a data range.
struct Ticks {
    /// The tick values, ascending, all inside `range`.
    let values: [Double]
    /// The distance between neighbouring ticks.
    let step: Double
    /// The axis range: the data range widened to whole steps (unless it was fixed).
    let range: ClosedRange<Double>
    /// Decimals needed to print every tick exactly.
    var decimals: Int { decimalsNeeded(for: step) }

    /// About `target` ticks for `data`; with `fixed` the range is kept as given.
    /// `integers` forbids steps below 1 (for epoch numbers and counts).
    init(data: ClosedRange<Double>, target: Int, fixed: Bool = false, integers: Bool = false) {
        var low = data.lowerBound, high = data.upperBound
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if high - low < 1e-12 * max(abs(low), abs(high), 1e-300) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        var step = niceStep((high - low) / Double(max(target, 1)))
        if integers { step = max(step, 1).rounded(.up) }
        if !fixed {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        var values: [Double] = []
        var k = (low / step - 1e-9).rounded(.up)
        while k * step <= high + step * 1e-9, values.count < 1000 {
            let v = k * step
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        self.values = values
        self.step = step
        self.range = low...high
    }
}

/// The "round" number (1, 2, 2.5, 5 × 10^k) closest to `rough` on a log scale.
func niceStep(_ rough: Double) -> Double {
    guard rough > 0, rough.isFinite else { return 1 }
    let magnitude = pow(10, floor(log10(rough)))
    let candidates = ([1, 2, 2.5, 5, 10] as [Double]).map { $0 * magnitude }
    return candidates.min { abs(log($0 / rough)) < abs(log($1 / rough)) }!
}

/// Number of decimals that prints multiples of `step` exactly (0...6).
func decimalsNeeded(for step: Double) -> Int {
    guard step.isFinite, step > 0 else { return 2 }
    for d in 0...6 {
        let scaled = step * pow(10, Double(d))
        if abs(scaled - scaled.rounded()) < 1e-6 * max(scaled, 1) { return d }
    }
    return 6
}

/// `value` with a fixed number of decimals ("-0" printed as "0"); very large or small magnitudes use
/// exponent notation. Non-finite values print as "nan", "inf" or "-inf".
func formatNumber(_ value: Double, decimals: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    let magnitude = abs(value)
    if magnitude >= 1e7 || (magnitude > 0 && magnitude < 1e-4 && decimals > 4) {
        return String(format: "%.2g", value)
    }
    let text = String(format: "%.\(max(0, min(decimals, 8)))f", value)
    if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
        return String(text.dropFirst())
    }
    return text
}
