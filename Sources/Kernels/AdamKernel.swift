/// One Adam step over flat arrays of equal length, in place: `m = β₁m + (1-β₁)g`, `v = β₂v + (1-β₂)g²`,
/// `p -= stepSize · m / (√v / correction2Root + ε)` for every element.
public func adamStep(parameters: inout [Float], firstMoments: inout [Float], secondMoments: inout [Float],
                     gradients: [Float], beta1: Float, beta2: Float, stepSize: Float, correction2Root: Float,
                     epsilon: Float) {
    let count = gradients.count
    precondition(parameters.count == count && firstMoments.count == count && secondMoments.count == count,
                 "adamStep: sizes")
    parameters.withUnsafeMutableBufferPointer { p in
        firstMoments.withUnsafeMutableBufferPointer { m in
            secondMoments.withUnsafeMutableBufferPointer { v in
                gradients.withUnsafeBufferPointer { g in
                    for i in 0..<count {
                        let mi = beta1 * m[i] + (1 - beta1) * g[i]
                        let vi = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                        m[i] = mi
                        v[i] = vi
                        p[i] -= stepSize * mi / (vi.squareRoot() / correction2Root + epsilon)
                    }
                }
            }
        }
    }
}
