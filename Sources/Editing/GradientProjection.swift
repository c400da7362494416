import NumericCore

/// A protected vector whose remainder after Gram–Schmidt is below this fraction of its length adds no new
/// direction and is skipped: it lies (almost) in the span of the earlier ones, and removing what float32
/// rounding leaves of it would remove noise, not a protected direction.
let dependentDirectionTolerance = 1e-3

/// Removes from each row of `gradient` `[N, D]` its components along the same row of every tensor in
/// `directions` (each `[N, D]`): the directions are orthonormalised row by row with modified Gram–Schmidt in
/// double precision, skipping dependent ones, and their span is projected out.
public func projectOut(_ directions: [Tensor], from gradient: inout Tensor) {
    let d = gradient.shape[1]
    for row in 0..<gradient.shape[0] {
        let range = (row * d)..<((row + 1) * d)
        var basis = [[Double]]()
        for direction in directions {
            var v = direction.storage[range].map(Double.init)
            let length = norm(v)
            for u in basis { subtractProjection(of: &v, onto: u) }
            let remainder = norm(v)
            guard length > 0, remainder > dependentDirectionTolerance * length else { continue }
            basis.append(v.map { $0 / remainder })
        }
        var g = gradient.storage[range].map(Double.init)
        for u in basis { subtractProjection(of: &g, onto: u) }
        for (offset, value) in g.enumerated() { gradient.storage[row * d + offset] = Float(value) }
    }
}

/// v ← v − (v·u) u for a unit vector u.
private func subtractProjection(of v: inout [Double], onto u: [Double]) {
    var dot = 0.0
    for i in v.indices { dot += v[i] * u[i] }
    for i in v.indices { v[i] -= dot * u[i] }
}

/// The Euclidean length of `v`.
func norm(_ v: [Double]) -> Double {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}
