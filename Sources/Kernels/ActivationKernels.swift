/// `x` for x > 0, else `slope · x`, element-wise (a ReLU for slope 0), in a loop the compiler vectorises.
public func leakyRectify(_ input: [Float], slope: Float) -> [Float] {
    [Float](unsafeUninitializedCapacity: input.count) { output, initialized in
        input.withUnsafeBufferPointer { x in
            for i in 0..<x.count {
                let v = x[i]
                output[i] = v > 0 ? v : slope * v
            }
        }
        initialized = input.count
    }
}

/// The gradient through `leakyRectify`: `dy` where x > 0, else `slope · dy`.
public func leakyRectifyGradient(_ outputGradient: [Float], input: [Float], slope: Float) -> [Float] {
    precondition(outputGradient.count == input.count, "leakyRectifyGradient: sizes")
    return [Float](unsafeUninitializedCapacity: input.count) { result, initialized in
        input.withUnsafeBufferPointer { x in
            outputGradient.withUnsafeBufferPointer { dy in
                for i in 0..<x.count { result[i] = x[i] > 0 ? dy[i] : slope * dy[i] }
            }
        }
        initialized = input.count
    }
}

/// tanh of every element, to within a few units in the last place, in a loop the compiler vectorises.
public func hyperbolicTangent(_ input: [Float]) -> [Float] {
    var output = input
    output.withUnsafeMutableBufferPointer { hyperbolicTangent($0.baseAddress!, count: $0.count) }
    return output
}

/// tanh of `count` values in place.
func hyperbolicTangent(_ values: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { values[i] = hyperbolicTangent(values[i]) }
}

/// tanh x to within a few units in the last place. With a = min(|x|, 10) and m = e^(2a) - 1,
/// tanh x = ±m / (m + 2), where e^(2a) = 2^n·e^r with |r| ≤ ln 2 / 2 and e^r - 1 is a degree-7 Taylor
/// polynomial (error below 1e-8). Every step is branch-free and trap-free, so loops over it vectorise.
@inline(__always)
public func hyperbolicTangent(_ x: Float) -> Float {
    let log2e: Float = 1.442_695_04, ln2High: Float = 0.693_145_75, ln2Low: Float = 1.428_606_8e-6
    let roundingShift: Float = 12_582_912  // 1.5·2^23: adding it rounds to an integer held in the low bits.
    let v = 2 * min(abs(x), 10)
    let shifted = v * log2e + roundingShift
    let n = shifted - roundingShift
    let r = (v - n * ln2High) - n * ln2Low
    // e^r - 1 = r + r²/2 + … + r⁷/7!
    let q = r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r / 5040))))))
    let exponent = shifted.bitPattern &- roundingShift.bitPattern  // n as an integer
    let power = Float(bitPattern: (exponent &+ 127) &<< 23)        // 2^n
    let m = power * q + (power - 1)                                // e^v - 1
    let t = m / (m + 2)
    return x < 0 ? -t : t
}
