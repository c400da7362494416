import Foundation

/// The translation (rows, columns) that best maps image `a` onto image `b` (both `size × size` grey values,
/// row-major, `size` a power of two) by phase correlation: the peak of the inverse Fourier transform of the
/// normalised cross-power spectrum B·conj(A)/|B·conj(A)|, refined to sub-pixel by a parabola through the peak
/// and its neighbours on each axis. Shifts are in −size/2 ..< size/2; a circular shift of a by (dy, dx) gives
/// (dy, dx).
public func phaseCorrelationShift(_ a: [Double], _ b: [Double], size: Int) -> (rows: Double, columns: Double) {
    precondition(a.count == size * size && b.count == size * size && size > 1 && size & (size - 1) == 0,
                 "phaseCorrelationShift: two \(size)×\(size) images, size a power of two")
    var (fa, fb) = (ComplexImage(real: a, size: size), ComplexImage(real: b, size: size))
    fa.fourierTransform(inverse: false)
    fb.fourierTransform(inverse: false)
    var cross = ComplexImage(real: [Double](repeating: 0, count: size * size), size: size)
    for i in 0..<(size * size) {
        // B · conj(A), normalised.
        let re = fb.re[i] * fa.re[i] + fb.im[i] * fa.im[i]
        let im = fb.im[i] * fa.re[i] - fb.re[i] * fa.im[i]
        let magnitude = (re * re + im * im).squareRoot()
        if magnitude > 1e-12 { cross.re[i] = re / magnitude; cross.im[i] = im / magnitude }
    }
    cross.fourierTransform(inverse: true)
    var peak = 0
    for i in 1..<(size * size) where cross.re[i] > cross.re[peak] { peak = i }
    let (row, column) = (peak / size, peak % size)
    func value(_ r: Int, _ c: Int) -> Double { cross.re[((r + size) % size) * size + (c + size) % size] }
    func refine(_ minus: Double, _ centre: Double, _ plus: Double) -> Double {
        let curvature = minus - 2 * centre + plus
        return curvature < 0 ? max(-0.5, min(0.5, 0.5 * (minus - plus) / curvature)) : 0
    }
    let dy = Double(row) + refine(value(row - 1, column), value(row, column), value(row + 1, column))
    let dx = Double(column) + refine(value(row, column - 1), value(row, column), value(row, column + 1))
    func wrapped(_ x: Double) -> Double { x >= Double(size / 2) ? x - Double(size) : x }
    return (wrapped(dy), wrapped(dx))
}

/// A square complex image for the 2-D fast Fourier transform.
struct ComplexImage {
    var re: [Double], im: [Double]
    let size: Int

    init(real: [Double], size: Int) {
        re = real
        im = [Double](repeating: 0, count: real.count)
        self.size = size
    }

    /// The 2-D discrete Fourier transform in place (the inverse divides by size²): rows, then columns.
    mutating func fourierTransform(inverse: Bool) {
        var rowRe = [Double](repeating: 0, count: size), rowIm = rowRe
        for r in 0..<size {
            for c in 0..<size { rowRe[c] = re[r * size + c]; rowIm[c] = im[r * size + c] }
            fft(&rowRe, &rowIm, inverse: inverse)
            for c in 0..<size { re[r * size + c] = rowRe[c]; im[r * size + c] = rowIm[c] }
        }
        for c in 0..<size {
            for r in 0..<size { rowRe[r] = re[r * size + c]; rowIm[r] = im[r * size + c] }
            fft(&rowRe, &rowIm, inverse: inverse)
            for r in 0..<size { re[r * size + c] = rowRe[r]; im[r * size + c] = rowIm[r] }
        }
        if inverse {
            let scale = 1 / Double(size * size)
            for i in re.indices { re[i] *= scale; im[i] *= scale }
        }
    }
}

/// The radix-2 Cooley–Tukey FFT of one sequence (length a power of two) in place: X_k = Σ x_n e^(∓2πikn/N),
/// the minus sign forward.
func fft(_ re: inout [Double], _ im: inout [Double], inverse: Bool) {
    let n = re.count
    var j = 0
    for i in 1..<n {
        var bit = n >> 1
        while j & bit != 0 { j ^= bit; bit >>= 1 }
        j |= bit
        if i < j { re.swapAt(i, j); im.swapAt(i, j) }
    }
    var length = 2
    while length <= n {
        let angle = (inverse ? 2 : -2) * Double.pi / Double(length)
        for start in stride(from: 0, to: n, by: length) {
            for k in 0..<(length / 2) {
                let (wr, wi) = (cos(angle * Double(k)), sin(angle * Double(k)))
                let (a, b) = (start + k, start + k + length / 2)
                let tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr
                re[b] = re[a] - tr; im[b] = im[a] - ti
                re[a] += tr; im[a] += ti
            }
        }
        length <<= 1
    }
}
