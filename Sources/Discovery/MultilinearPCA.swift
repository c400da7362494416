import Kernels

/// Multilinear principal component analysis of a batch of third-order tensors (Lu, Plataniotis and
/// Venetsanopoulos' MPCA, as TCA uses it): one orthonormal basis per mode from the leading eigenvectors of that
/// mode's scatter of the centred tensors.
///
/// With every rank full the bases come from one pass over the centred data. With a reduced rank, alternating
/// sweeps follow the first pass: each mode's scatter is recomputed with the other modes projected onto their
/// current bases (in mode order, each mode using the others' latest bases).
public struct MultilinearPCA: Sendable, Equatable {
    /// `[d₁, d₂, d₃]`.
    public let dimensions: [Int]
    /// The rank kept per mode.
    public let ranks: [Int]
    /// The mean tensor `[d₁ · d₂ · d₃]` that was subtracted.
    public let mean: [Double]
    /// Per mode, the basis `[rₙ, dₙ]` row-major: row k is component k, a unit vector, components orthonormal;
    /// each is signed so that its entry of largest magnitude (the first on a tie) is positive.
    public let bases: [[Double]]
    /// Per mode, the scatter's eigenvalues of the kept components, largest first (from the last sweep).
    public let eigenvalues: [[Double]]
    /// The sweeps made after the first pass (0 when every rank is full).
    public let sweeps: Int

    /// The decomposition of `data`, keeping `ranks[n]` components of mode n (1 ≤ rₙ ≤ dₙ); `sweeps` alternating
    /// sweeps follow the first pass when a rank is reduced (TCA's code makes 9, ten passes in all). `progress`
    /// hears each scatter as it is computed. Throws if LAPACK fails.
    public init(of data: TensorBatch, ranks: [Int], sweeps: Int = 9,
                progress: (_ pass: Int, _ mode: Int) -> Void = { _, _ in }) throws {
        let dimensions = data.dimensions
        precondition(ranks.count == 3 && zip(ranks, dimensions).allSatisfy { $0 >= 1 && $0 <= $1 },
                     "MultilinearPCA: ranks \(ranks) for dimensions \(dimensions)")
        let size = dimensions.reduce(1, *)
        var mean = [Double](repeating: 0, count: size)
        for n in 0..<data.count { for j in 0..<size { mean[j] += data.values[n * size + j] } }
        mean = mean.map { $0 / Double(data.count) }
        var centred = data
        for n in 0..<data.count { for j in 0..<size { centred.values[n * size + j] -= mean[j] } }

        let reduced = ranks != dimensions
        let passes = reduced ? 1 + sweeps : 1
        var bases = [[Double]](repeating: [], count: 3)
        var eigenvalues = [[Double]](repeating: [], count: 3)
        for pass in 0..<passes {
            for mode in 0..<3 {
                progress(pass, mode)
                var partial = centred
                if pass > 0 {
                    for other in 0..<3 where other != mode {
                        partial = partial.projected(mode: other, onto: transposed(bases[other], rows: ranks[other],
                                                                                 columns: dimensions[other]),
                                                    rank: ranks[other])
                    }
                }
                let (values, vectors) = try leadingEigenvectors(partial.modeScatter(mode), n: dimensions[mode], count: ranks[mode])
                bases[mode] = vectors
                eigenvalues[mode] = values
            }
        }
        self.dimensions = dimensions
        self.ranks = ranks
        self.mean = mean
        self.bases = bases
        self.eigenvalues = eigenvalues
        self.sweeps = passes - 1
    }

    /// Component `index` of mode `mode`, a unit vector of length dₙ.
    public func component(mode: Int, index: Int) -> [Double] {
        let d = dimensions[mode]
        return Array(bases[mode][(index * d)..<((index + 1) * d)])
    }

    /// The core coordinates `[N, r₁, r₂, r₃]` of `data`: (X − mean) ×₁ U₁ᵀ ×₂ U₂ᵀ ×₃ U₃ᵀ.
    public func coordinates(_ data: TensorBatch) -> TensorBatch {
        precondition(data.dimensions == dimensions, "coordinates: tensors \(data.dimensions), the bases fit \(dimensions)")
        let size = mean.count
        var x = data
        for n in 0..<data.count { for j in 0..<size { x.values[n * size + j] -= mean[j] } }
        for mode in 0..<3 {
            x = x.projected(mode: mode, onto: transposed(bases[mode], rows: ranks[mode], columns: dimensions[mode]), rank: ranks[mode])
        }
        return x
    }
}

/// The `count` leading eigenpairs of the symmetric `n × n` matrix, largest first, the vectors as the rows of a
/// `[count, n]` array, each signed so that its entry of largest magnitude (the first on a tie) is positive.
func leadingEigenvectors(_ matrix: [Double], n: Int, count: Int) throws -> (values: [Double], vectors: [Double]) {
    let (values, vectors) = try symmetricEigenvalues(matrix, n: n)
    var chosenValues = [Double](), chosen = [Double]()
    for k in 0..<count {
        let row = n - 1 - k
        var vector = Array(vectors[(row * n)..<((row + 1) * n)])
        var largest = 0
        for i in vector.indices where abs(vector[i]) > abs(vector[largest]) { largest = i }
        if vector[largest] < 0 { vector = vector.map { -$0 } }
        chosenValues.append(values[row])
        chosen += vector
    }
    return (chosenValues, chosen)
}

/// The transpose `[columns, rows]` of a row-major `[rows, columns]` matrix.
func transposed(_ matrix: [Double], rows: Int, columns: Int) -> [Double] {
    var out = [Double](repeating: 0, count: matrix.count)
    for i in 0..<rows { for j in 0..<columns { out[j * rows + i] = matrix[i * columns + j] } }
    return out
}
