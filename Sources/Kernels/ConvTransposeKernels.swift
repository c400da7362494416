import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The geometry of a 2-D transposed convolution over a batch: square kernel, equal stride and padding
/// on both axes.
public struct ConvTransposeGeometry: Sendable, Equatable {
    /// Batch size.
    public let batch: Int
    /// Output channels.
    public let channels: Int
    /// Kernel side.
    public let kernel: Int
    /// Stride.
    public let stride: Int
    /// Padding removed from each border of the full output.
    public let padding: Int
    /// Input height and width.
    public let inputHeight: Int, inputWidth: Int

    /// Describes a transposed convolution producing `channels` maps from inputs of the given size.
    public init(batch: Int, channels: Int, kernel: Int, stride: Int, padding: Int,
                inputHeight: Int, inputWidth: Int) {
        self.batch = batch
        self.channels = channels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.inputHeight = inputHeight
        self.inputWidth = inputWidth
    }

    /// Output height: (H - 1)·stride - 2·padding + kernel.
    public var outputHeight: Int { (inputHeight - 1) * stride - 2 * padding + kernel }
    /// Output width: (W - 1)·stride - 2·padding + kernel.
    public var outputWidth: Int { (inputWidth - 1) * stride - 2 * padding + kernel }
    /// Rows of the column matrix: channels·kernel².
    public var columnRows: Int { channels * kernel * kernel }
    /// Columns of the column matrix: batch·H·W.
    public var columnCount: Int { batch * inputHeight * inputWidth }
    /// Elements of the output [batch, channels, outH, outW].
    public var outputCount: Int { batch * channels * outputHeight * outputWidth }
}

/// What happens to each output plane right after col2im has filled it, while it is still in cache.
public enum PlaneEpilogue: Sendable {
    /// Nothing.
    case none
    /// `y = x·scale[c] + shift[c]` for channel c, then a ReLU when `relu` is true.
    case affine(scale: [Float], shift: [Float], relu: Bool)
    /// `y = tanh(x)`.
    case tanh
}

/// A transposed convolution without bias over a whole batch: `input` `[batch, inChannels, H, W]`, `weight`
/// `[inChannels, channels, k, k]`; returns `[batch, channels, outH, outW]` after `epilogue`.
/// Works through the batch in chunks whose column matrix stays near the cache, one GEMM and one col2im each.
public func convTransposeForward(input: [Float], weight: [Float], inChannels: Int, geometry g: ConvTransposeGeometry,
                                 epilogue: PlaneEpilogue = .none) -> [Float] {
    let spatial = g.inputHeight * g.inputWidth
    precondition(input.count == g.batch * inChannels * spatial && weight.count == inChannels * g.columnRows,
                 "convTransposeForward: sizes")
    let chunk = max(1, min(g.batch, max(256 / spatial, (1 << 19) / max(1, g.columnRows * spatial))))
    var columns = [Float](repeating: 0, count: g.columnRows * chunk * spatial)
    var packed = [Float](repeating: 0, count: inChannels * chunk * spatial)
    let planeSize = g.outputHeight * g.outputWidth
    // Every output element is written exactly once by `accumulateColumns`, so the storage starts uninitialised.
    return [Float](unsafeUninitializedCapacity: g.outputCount) { output, initialized in
        var start = 0
        while start < g.batch {
            let count = min(chunk, g.batch - start)
            let chunkGeometry = ConvTransposeGeometry(batch: count, channels: g.channels, kernel: g.kernel,
                                                      stride: g.stride, padding: g.padding,
                                                      inputHeight: g.inputHeight, inputWidth: g.inputWidth)
            input.withUnsafeBufferPointer { source in
                packed.withUnsafeMutableBufferPointer { target in
                    // [count, inChannels, HW] → [inChannels, count·HW]
                    swapLeadingAxes(source.baseAddress! + start * inChannels * spatial, into: target.baseAddress!,
                                    a: count, b: inChannels, inner: spatial)
                }
            }
            orderedSgemm(transposeA: true, m: g.columnRows, n: count * spatial, k: inChannels, a: weight, b: packed,
                         c: &columns)
            columns.withUnsafeBufferPointer { cols in
                accumulateColumns(cols.baseAddress!, chunkGeometry,
                                  output.baseAddress! + start * g.channels * planeSize, epilogue: epilogue)
            }
            start += count
        }
        initialized = g.outputCount
    }
}

/// col2im in parallel over channels, one output plane at a time: each column row is added, whole input rows
/// at a time, into the accumulator of its output residue class, and each finished output row then passes
/// through `epilogue` and is stored once.
///
/// Output pixel (oy, ox) = (ry + s·u, rx + s·t) belongs to residue class (ry, rx); kernel tap (ki, kj) adds
/// input pixel (y, x) at u = y + shift[ki], t = x + shift[kj], so each tap reads its column row in
/// order and every accumulator row it touches is contiguous.
private func accumulateColumns(_ columns: UnsafePointer<Float>, _ g: ConvTransposeGeometry,
                           _ output: UnsafeMutablePointer<Float>, epilogue: PlaneEpilogue) {
    let (h, w, oh, ow, k, s, p) = (g.inputHeight, g.inputWidth, g.outputHeight, g.outputWidth,
                                   g.kernel, g.stride, g.padding)
    let hw = h * w, ohw = oh * ow, n = g.columnCount
    let residues = (0..<k).map { ((($0 - p) % s) + s) % s }
    let shifts = (0..<k).map { ($0 - p - residues[$0]) / s }
    // Accumulator rows and columns start at `low` and reach far enough for the outputs and every tap.
    let rows = (oh + s - 1) / s, residueLength = (ow + s - 1) / s
    let low = min(0, shifts.min()!)
    let width = max(residueLength, w + shifts.max()!) - low
    let classSize = (max(rows, h + shifts.max()!) - low) * width
    let cols = UnsafeSendablePointer(columns)
    let out = UnsafeSendableMutablePointer(output)
    DispatchQueue.concurrentPerform(iterations: g.channels) { co in
        let accumulator = UnsafeMutablePointer<Float>.allocate(capacity: s * s * classSize)
        defer { accumulator.deallocate() }
        for b in 0..<g.batch {
            accumulator.update(repeating: 0, count: s * s * classSize)
            for ki in 0..<k {
                for kj in 0..<k {
                    let source = cols.pointer + ((co * k + ki) * k + kj) * n + b * hw
                    let target = accumulator + (residues[ki] * s + residues[kj]) * classSize
                        + (shifts[ki] - low) * width + (shifts[kj] - low)
                    for y in 0..<h { addRow(source + y * w, into: target + y * width, count: w) }
                }
            }
            let plane = out.pointer + (b * g.channels + co) * ohw
            for oy in 0..<oh {
                let classRow = accumulator + (oy % s) * s * classSize + (oy / s - low) * width - low
                finishRow(classRow, residueSpacing: classSize, residueLength: residueLength, stride: s,
                          into: plane + oy * ow, width: ow, channel: co, epilogue: epilogue)
            }
        }
    }
}

/// `destination[i] += source[i]` for `i` in `0..<count`, four lanes at a time where `count` allows, which
/// also keeps the short rows of the small layers (4 or 8 wide) off the scalar path.
@inline(__always)
private func addRow(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 4 <= count {
        let sum = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD4<Float>.self)
            + UnsafeRawPointer(destination + i).loadUnaligned(as: SIMD4<Float>.self)
        UnsafeMutableRawPointer(destination + i).storeBytes(of: sum, as: SIMD4<Float>.self)
        i += 4
    }
    while i < count {
        destination[i] += source[i]
        i += 1
    }
}

/// Applies `epilogue` to one output row held as `stride` residue accumulators, `residueSpacing` apart, and
/// stores it in column order.
@inline(__always)
private func finishRow(_ accumulator: UnsafeMutablePointer<Float>, residueSpacing: Int, residueLength: Int, stride s: Int,
                       into row: UnsafeMutablePointer<Float>, width: Int, channel: Int, epilogue: PlaneEpilogue) {
    for r in 0..<s {
        let acc = accumulator + r * residueSpacing
        switch epilogue {
        case .none:
            break
        case .affine(let scale, let shift, let relu):
            let (a, t) = (scale[channel], shift[channel])
            if relu {
                for i in 0..<residueLength { acc[i] = max(acc[i] * a + t, 0) }
            } else {
                for i in 0..<residueLength { acc[i] = acc[i] * a + t }
            }
        case .tanh:
            hyperbolicTangent(acc, count: residueLength)
        }
        var t = 0, x = r
        while x < width {
            row[x] = acc[t]
            t += 1
            x += s
        }
    }
}

/// Gathers an output-shaped gradient `[batch, channels, outH, outW]` into a column matrix
/// `[channels·k·k, batch·H·W]` (the adjoint of `col2im`); entries whose pixel lies outside are zero.
public func im2col(_ output: [Float], geometry g: ConvTransposeGeometry, columns: inout [Float]) {
    precondition(output.count == g.outputCount, "im2col: output size")
    let total = g.columnRows * g.columnCount
    if columns.count != total { columns = [Float](repeating: 0, count: total) }
    let (h, w, oh, ow, k, s, p) = (g.inputHeight, g.inputWidth, g.outputHeight, g.outputWidth,
                                   g.kernel, g.stride, g.padding)
    let hw = h * w, ohw = oh * ow, n = g.columnCount
    output.withUnsafeBufferPointer { outBuffer in
        columns.withUnsafeMutableBufferPointer { colsBuffer in
            let out = UnsafeSendablePointer(outBuffer.baseAddress!)
            let cols = UnsafeSendableMutablePointer(colsBuffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: g.channels) { co in
                for ki in 0..<k {
                    for kj in 0..<k {
                        let row = cols.pointer + ((co * k + ki) * k + kj) * n
                        row.update(repeating: 0, count: n)
                        let wLow = max(0, (p - kj + s - 1) / s)
                        let wHigh = min(w - 1, (ow - 1 + p - kj) / s)
                        if wLow > wHigh { continue }
                        for b in 0..<g.batch {
                            let plane = out.pointer + (b * g.channels + co) * ohw
                            for y in 0..<h {
                                let oy = y * s - p + ki
                                if oy < 0 || oy >= oh { continue }
                                let dst = row + b * hw + y * w
                                let src = plane + oy * ow - p + kj
                                var x = wLow
                                while x <= wHigh {
                                    dst[x] = src[x * s]
                                    x += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Swaps the two leading axes of a `[a, b, inner]` array, giving `[b, a, inner]`.
public func swapLeadingAxes(_ input: [Float], a: Int, b: Int, inner: Int) -> [Float] {
    precondition(input.count == a * b * inner, "swapLeadingAxes: size")
    var result = [Float](repeating: 0, count: input.count)
    input.withUnsafeBufferPointer { src in
        result.withUnsafeMutableBufferPointer { dst in
            swapLeadingAxes(src.baseAddress!, into: dst.baseAddress!, a: a, b: b, inner: inner)
        }
    }
    return result
}

/// The axis swap of `swapLeadingAxes` on raw storage.
private func swapLeadingAxes(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
                             a: Int, b: Int, inner: Int) {
    for i in 0..<a {
        for j in 0..<b {
            (target + (j * a + i) * inner).update(from: source + (i * b + j) * inner, count: inner)
        }
    }
}

/// A pointer handed to the workers of `concurrentPerform`, which write disjoint regions.
struct UnsafeSendableMutablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(_ pointer: UnsafeMutablePointer<Float>) { self.pointer = pointer }
}

/// A read-only pointer handed to the workers of `concurrentPerform`.
struct UnsafeSendablePointer: @unchecked Sendable {
    let pointer: UnsafePointer<Float>
    init(_ pointer: UnsafePointer<Float>) { self.pointer = pointer }
}
