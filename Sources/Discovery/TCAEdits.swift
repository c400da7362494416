/// The kinds of TCA edit: one component of one mode with the other modes left whole (linear, "mode-wise"),
/// or the outer product of one component per mode (multilinear).
public enum TCAEditKind: Sendable, Equatable {
    /// Component `component` (0-based) of mode `mode` (0 channel, 1 height, 2 width), times ones on the others.
    case modewise(mode: Int, component: Int)
    /// u₍channel₎ ⊗ u₍height₎ ⊗ u₍width₎ for the three components given (0-based).
    case multilinear(channel: Int, height: Int, width: Int)

    /// The modes' letters.
    public static let modeLetters = ["C", "H", "W"]
    /// The modes' names.
    public static let modeNames = ["channel", "height", "width"]

    /// "C3" (1-based) or "C1.H2.W1".
    public var id: String {
        switch self {
        case .modewise(let mode, let component): "\(Self.modeLetters[mode])\(component + 1)"
        case .multilinear(let c, let h, let w): "C\(c + 1).H\(h + 1).W\(w + 1)"
        }
    }

    /// "channel component 3" or "product of channel 1, height 2, width 1".
    public var description: String {
        switch self {
        case .modewise(let mode, let component): "\(Self.modeNames[mode]) component \(component + 1)"
        case .multilinear(let c, let h, let w): "product of channel \(c + 1), height \(h + 1), width \(w + 1)"
        }
    }

    /// The edit tensor Δ `[d₁ · d₂ · d₃]` (row-major, unit Frobenius norm) for the bases of `pca`.
    public func tensor(_ pca: MultilinearPCA) -> [Double] {
        let d = pca.dimensions
        let factors: [[Double]]
        switch self {
        case .modewise(let mode, let component):
            factors = (0..<3).map { $0 == mode ? pca.component(mode: $0, index: component) : [Double](repeating: 1, count: d[$0]) }
        case .multilinear(let c, let h, let w):
            factors = [pca.component(mode: 0, index: c), pca.component(mode: 1, index: h), pca.component(mode: 2, index: w)]
        }
        var delta = [Double](repeating: 0, count: d[0] * d[1] * d[2])
        for i in 0..<d[0] { for j in 0..<d[1] { for k in 0..<d[2] {
            delta[(i * d[1] + j) * d[2] + k] = factors[0][i] * factors[1][j] * factors[2][k]
        } } }
        let norm = delta.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return delta.map { $0 / norm }
    }
}

/// The standard deviation over the tensors of `data` of their coordinate along the unit tensor `delta`:
/// std(⟨Xᵢ, Δ⟩), the natural unit of an edit along Δ.
public func coordinateDeviation(_ data: TensorBatch, along delta: [Double]) -> Double {
    let size = delta.count
    var coordinates = [Double](repeating: 0, count: data.count)
    for n in 0..<data.count {
        var dot = 0.0
        for j in 0..<size { dot += data.values[n * size + j] * delta[j] }
        coordinates[n] = dot
    }
    let mean = coordinates.reduce(0, +) / Double(data.count)
    return (coordinates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(data.count)).squareRoot()
}

/// The multilinear products whose core coordinate varies most over the data (the diagonal of the core's
/// covariance), at most `count` of them, largest first, among the first `limit` components of every mode.
public func leadingProducts(_ core: TensorBatch, count: Int, limit: Int) -> [TCAEditKind] {
    let r = core.dimensions
    let size = r.reduce(1, *)
    var candidates = [(kind: TCAEditKind, variance: Double)]()
    for c in 0..<min(limit, r[0]) { for h in 0..<min(limit, r[1]) { for w in 0..<min(limit, r[2]) {
        let index = (c * r[1] + h) * r[2] + w
        var sum = 0.0, squares = 0.0
        for n in 0..<core.count { let x = core.values[n * size + index]; sum += x; squares += x * x }
        let mean = sum / Double(core.count)
        candidates.append((.multilinear(channel: c, height: h, width: w), squares / Double(core.count) - mean * mean))
    } } }
    return candidates.enumerated().sorted { a, b in
        a.element.variance != b.element.variance ? a.element.variance > b.element.variance : a.offset < b.offset
    }.prefix(count).map(\.element.kind)
}
