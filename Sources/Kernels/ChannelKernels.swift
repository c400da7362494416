import Dispatch

/// Applies `y = x·scale[c] + shift[c]` to every element of channel `c` of a `[batch, channels, inner]`
/// array, in place.
public func channelAffine(_ data: inout [Float], batch: Int, channels: Int, inner: Int,
                          scale: [Float], shift: [Float]) {
    precondition(data.count == batch * channels * inner && scale.count == channels && shift.count == channels,
                 "channelAffine: sizes")
    data.withUnsafeMutableBufferPointer { buffer in
        let base = UnsafeSendableMutablePointer(buffer.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: batch) { b in
            for c in 0..<channels {
                let plane = base.pointer + (b * channels + c) * inner
                let a = scale[c], t = shift[c]
                for i in 0..<inner { plane[i] = plane[i] * a + t }
            }
        }
    }
}

/// Sums a `[batch, channels, inner]` array over batch and inner positions, one total per channel.
public func channelSums(_ data: [Float], batch: Int, channels: Int, inner: Int) -> [Float] {
    precondition(data.count == batch * channels * inner, "channelSums: size")
    var sums = [Float](repeating: 0, count: channels)
    data.withUnsafeBufferPointer { buffer in
        for b in 0..<batch {
            for c in 0..<channels {
                let plane = buffer.baseAddress! + (b * channels + c) * inner
                var total: Float = 0
                for i in 0..<inner { total += plane[i] }
                sums[c] += total
            }
        }
    }
    return sums
}

/// Sums the element-wise product of two `[batch, channels, inner]` arrays per channel.
public func channelDotProducts(_ x: [Float], _ y: [Float], batch: Int, channels: Int, inner: Int) -> [Float] {
    precondition(x.count == batch * channels * inner && y.count == x.count, "channelDotProducts: size")
    var sums = [Float](repeating: 0, count: channels)
    x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
            for b in 0..<batch {
                for c in 0..<channels {
                    let offset = (b * channels + c) * inner
                    var total: Float = 0
                    for i in 0..<inner { total += px[offset + i] * py[offset + i] }
                    sums[c] += total
                }
            }
        }
    }
    return sums
}
