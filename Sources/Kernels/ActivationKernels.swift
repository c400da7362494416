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
