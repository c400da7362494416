import Kernels
import NumericCore

/// A linear map from third-order tensors `[d₁, d₂, d₃]` to vectors `[D]` whose weight tensor W `[d₁, d₂, d₃, D]`
/// has Tucker structure: W = G ×₁ F₁ ×₂ F₂ ×₃ F₃ ×₄ F₄ with core G `[q₁, q₂, q₃, q₄]` and factors Fₙ `[dₙ, qₙ]`
/// (TCA's regression from a block's activations back to the latent). The output for X is ⟨X, W⟩ over the first
/// three modes; there is no bias, as in TCA.
public struct TuckerRegression: Sendable, Equatable {
    /// `[d₁, d₂, d₃, D]`.
    public let dimensions: [Int]
    /// `[q₁, q₂, q₃, q₄]`.
    public let ranks: [Int]
    /// The core `[q₁ q₂ q₃, q₄]` row-major, then the factors F₁ `[d₁, q₁]`, F₂, F₃, F₄ `[D, q₄]`, row-major.
    public var parameters: [Tensor]

    /// A regression whose core and factors are drawn uniformly from [−scale, scale] with `random` (TCA: 0.1).
    public init(dimensions: [Int], ranks: [Int], scale: Float = 0.1, random: inout RandomSource) {
        precondition(dimensions.count == 4 && ranks.count == 4 && zip(ranks, dimensions).allSatisfy { $0 >= 1 && $0 <= $1 },
                     "TuckerRegression: ranks \(ranks) for dimensions \(dimensions)")
        self.dimensions = dimensions
        self.ranks = ranks
        let shapes = [[ranks[0] * ranks[1] * ranks[2], ranks[3]]] + (0..<4).map { [dimensions[$0], ranks[$0]] }
        parameters = shapes.map { shape in
            Tensor(shape: shape, storage: (0..<shape.reduce(1, *)).map { _ in random.uniform(-scale, scale) })
        }
    }

    /// A regression from its core and factors (shapes as `parameters` describes).
    public init(dimensions: [Int], ranks: [Int], parameters: [Tensor]) {
        let shapes = [[ranks[0] * ranks[1] * ranks[2], ranks[3]]] + (0..<4).map { [dimensions[$0], ranks[$0]] }
        precondition(parameters.map(\.shape) == shapes, "TuckerRegression: parameter shapes \(parameters.map(\.shape)), expected \(shapes)")
        self.dimensions = dimensions
        self.ranks = ranks
        self.parameters = parameters
    }

    /// The intermediates of a forward pass, kept for the backward pass.
    struct Trace {
        let input: [Float], afterMode3: [Float], afterMode23: [Float], core: [Float], projected: [Float], output: [Float]
    }

    /// The outputs `[N, D]` for inputs `[N, d₁, d₂, d₃]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor(shape: [input.shape[0], dimensions[3]], storage: trace(input).output)
    }

    func trace(_ input: Tensor) -> Trace {
        let n = input.shape[0]
        precondition(Array(input.shape.dropFirst()) == Array(dimensions.prefix(3)), "TuckerRegression: input \(input.shape), expected [N] + \(dimensions.prefix(3))")
        let (d1, d2, d3, dOut) = (dimensions[0], dimensions[1], dimensions[2], dimensions[3])
        let (q1, q2, q3, q4) = (ranks[0], ranks[1], ranks[2], ranks[3])
        let (g, f1, f2, f3, f4) = (parameters[0].storage, parameters[1].storage, parameters[2].storage,
                                   parameters[3].storage, parameters[4].storage)
        // T3 = X ×₃ F₃ᵀ: [N d₁ d₂, d₃] · [d₃, q₃].
        var t3 = [Float](repeating: 0, count: n * d1 * d2 * q3)
        orderedSgemm(m: n * d1 * d2, n: q3, k: d3, a: input.storage, b: f3, c: &t3)
        // T23 = T3 ×₂ F₂ᵀ: for each (sample, channel), F₂ᵀ [q₂, d₂] · slice [d₂, q₃].
        var t23 = [Float](repeating: 0, count: n * d1 * q2 * q3)
        middleModeProduct(t3, slices: n * d1, rows: d2, columns: q3, matrix: f2, rank: q2, transposeMatrix: true, into: &t23)
        // Y = T23 ×₁ F₁ᵀ: per sample F₁ᵀ [q₁, d₁] · [d₁, q₂ q₃].
        var y = [Float](repeating: 0, count: n * q1 * q2 * q3)
        for i in 0..<n {
            orderedSgemm(transposeA: true, m: q1, n: q2 * q3, k: d1, a: f1, b: t23, bOffset: i * d1 * q2 * q3, c: &y, cOffset: i * q1 * q2 * q3)
        }
        // P = Y G [N, q₄]; output = P F₄ᵀ [N, D].
        var p = [Float](repeating: 0, count: n * q4)
        orderedSgemm(m: n, n: q4, k: q1 * q2 * q3, a: y, b: g, c: &p)
        var out = [Float](repeating: 0, count: n * dOut)
        orderedSgemm(transposeB: true, m: n, n: dOut, k: q4, a: p, b: f4, c: &out)
        return Trace(input: input.storage, afterMode3: t3, afterMode23: t23, core: y, projected: p, output: out)
    }

    /// The gradients of Σ (output · `outputGradient`) with respect to the core and factors, in `parameters` order.
    func gradients(_ trace: Trace, outputGradient: [Float]) -> [Tensor] {
        let n = trace.output.count / dimensions[3]
        let (d1, d2, d3, dOut) = (dimensions[0], dimensions[1], dimensions[2], dimensions[3])
        let (q1, q2, q3, q4) = (ranks[0], ranks[1], ranks[2], ranks[3])
        let (g, f1, f2, f4) = (parameters[0].storage, parameters[1].storage, parameters[2].storage, parameters[4].storage)
        var df4 = [Float](repeating: 0, count: dOut * q4)
        sgemm(transposeA: true, m: dOut, n: q4, k: n, a: outputGradient, b: trace.projected, c: &df4)
        var dp = [Float](repeating: 0, count: n * q4)
        sgemm(m: n, n: q4, k: dOut, a: outputGradient, b: f4, c: &dp)
        var dg = [Float](repeating: 0, count: q1 * q2 * q3 * q4)
        sgemm(transposeA: true, m: q1 * q2 * q3, n: q4, k: n, a: trace.core, b: dp, c: &dg)
        var dy = [Float](repeating: 0, count: n * q1 * q2 * q3)
        sgemm(transposeB: true, m: n, n: q1 * q2 * q3, k: q4, a: dp, b: g, c: &dy)
        // dF₁ = Σᵢ T23ᵢ [d₁, q₂q₃] · dYᵢᵀ [q₂q₃, q₁]; dT23ᵢ = F₁ · dYᵢ.
        var df1 = [Float](repeating: 0, count: d1 * q1)
        var dt23 = [Float](repeating: 0, count: n * d1 * q2 * q3)
        for i in 0..<n {
            sgemm(transposeB: true, m: d1, n: q1, k: q2 * q3, a: trace.afterMode23, aOffset: i * d1 * q2 * q3,
                  b: dy, bOffset: i * q1 * q2 * q3, beta: 1, c: &df1)
            sgemm(m: d1, n: q2 * q3, k: q1, a: f1, b: dy, bOffset: i * q1 * q2 * q3, c: &dt23, cOffset: i * d1 * q2 * q3)
        }
        // dF₂[j, β] = Σ T3[s, j, γ] dT23[s, β, γ]; dT3 = dT23 ×₂ F₂.
        var df2 = [Float](repeating: 0, count: d2 * q2)
        let slices = n * d1
        for s in 0..<slices {
            let a = s * d2 * q3, b = s * q2 * q3
            for j in 0..<d2 { for beta in 0..<q2 {
                var sum: Float = 0
                for gamma in 0..<q3 { sum += trace.afterMode3[a + j * q3 + gamma] * dt23[b + beta * q3 + gamma] }
                df2[j * q2 + beta] += sum
            } }
        }
        var dt3 = [Float](repeating: 0, count: n * d1 * d2 * q3)
        middleModeProduct(dt23, slices: slices, rows: q2, columns: q3, matrix: f2, rank: d2, transposeMatrix: false, into: &dt3)
        // dF₃ = Xᵀ dT3: [d₃, N d₁ d₂] · [N d₁ d₂, q₃].
        var df3 = [Float](repeating: 0, count: d3 * q3)
        sgemm(transposeA: true, m: d3, n: q3, k: n * d1 * d2, a: trace.input, b: dt3, c: &df3)
        return [Tensor(shape: [q1 * q2 * q3, q4], storage: dg), Tensor(shape: [d1, q1], storage: df1),
                Tensor(shape: [d2, q2], storage: df2), Tensor(shape: [d3, q3], storage: df3), Tensor(shape: [dOut, q4], storage: df4)]
    }

    /// The penalty Σ‖G‖² + Σₙ‖Fₙ‖² (TCA's, before its weight λ).
    public var penalty: Double {
        parameters.reduce(0.0) { $0 + $1.storage.reduce(0.0) { $0 + Double($1) * Double($1) } }
    }
}

/// For each of `slices` matrices S `[rows, columns]` in `input`, writes M S (or Mᵀ S when `transposeMatrix`)
/// into `output`, where M is `[rank, rows]` (or `[rows, rank]` when transposed): the product along the middle
/// mode of a batch of tensors, whose sizes are small here (≤ 8).
func middleModeProduct(_ input: [Float], slices: Int, rows: Int, columns: Int, matrix: [Float], rank: Int,
                       transposeMatrix: Bool, into output: inout [Float]) {
    for s in 0..<slices {
        let a = s * rows * columns, b = s * rank * columns
        for r in 0..<rank {
            for i in 0..<rows {
                let m = transposeMatrix ? matrix[i * rank + r] : matrix[r * rows + i]
                if m == 0 { continue }
                for c in 0..<columns { output[b + r * columns + c] += m * input[a + i * columns + c] }
            }
        }
    }
}
