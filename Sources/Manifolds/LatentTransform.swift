import NumericCore

/// T: maps ε·e_k (direction k, signed magnitude ε) to a latent shift of length |ε|, and back-propagates a
/// gradient with respect to the shifts into its parameters.
public protocol LatentTransform: Sendable {
    /// The trainable tensors, in a fixed order.
    var parameters: [Tensor] { get set }
    /// K.
    var directionCount: Int { get }
    /// D.
    var latentDimension: Int { get }
    /// The shifts `[B, D]` for directions `k` and magnitudes `ε` (B each).
    func shifts(directions: [Int], magnitudes: [Float]) -> Tensor
    /// ∂L/∂parameters given ∂L/∂shifts `[B, D]` at the same directions and magnitudes.
    func parameterGradients(directions: [Int], magnitudes: [Float], shiftGradient: Tensor) -> [Tensor]
}

/// Scales `u` to length `length` and returns it with |u| (u must not be zero).
func rescaled(_ u: ArraySlice<Float>, to length: Float) -> (vector: [Float], norm: Float) {
    var total: Float = 0
    for x in u { total += x * x }
    let norm = max(total.squareRoot(), 1e-12)
    return (u.map { $0 * length / norm }, norm)
}

/// ∂L/∂u for y = length·u/|u| given ∂L/∂y: length/|u| · (g - (g·û) û).
func rescaledGradient(_ g: ArraySlice<Float>, u: ArraySlice<Float>, norm: Float, length: Float) -> [Float] {
    var dot: Float = 0
    for (gi, ui) in zip(g, u) { dot += gi * ui }
    dot /= norm
    return zip(g, u).map { gi, ui in length / norm * (gi - dot * ui / norm) }
}

/// The linear T: K directions `[K, D]` (rows), used at unit length, so T(ε e_k) = ε·a_k/|a_k|.
public struct LinearTransform: LatentTransform {
    /// The direction matrix `[K, D]`, one direction per row (not necessarily unit length).
    public var parameters: [Tensor]
    /// K.
    public var directionCount: Int { parameters[0].shape[0] }
    /// D.
    public var latentDimension: Int { parameters[0].shape[1] }

    /// A transform with the given rows.
    public init(directions: Tensor) {
        precondition(directions.rank == 2, "LinearTransform: directions [K, D]")
        parameters = [directions]
    }

    /// K random directions in D dimensions, entries normal with variance 1/D, so rows start near unit length and
    /// Adam's steps (a fixed size per entry) turn them at a useful rate.
    public init(directions: Int, latentDimension: Int, random: inout RandomSource) {
        let scale = 1 / Float(latentDimension).squareRoot()
        self.init(directions: Tensor(shape: [directions, latentDimension],
                                     storage: random.normals(directions * latentDimension).map { $0 * scale }))
    }

    /// The unit directions `[K, D]`.
    public var unitDirections: Tensor {
        let d = latentDimension
        var out = [Float]()
        for k in 0..<directionCount {
            out += rescaled(parameters[0].storage[(k * d)..<((k + 1) * d)], to: 1).vector
        }
        return Tensor(shape: [directionCount, d], storage: out)
    }

    /// ε·â_k per sample.
    public func shifts(directions: [Int], magnitudes: [Float]) -> Tensor {
        let d = latentDimension
        var out = [Float]()
        out.reserveCapacity(directions.count * d)
        for (k, eps) in zip(directions, magnitudes) {
            out += rescaled(parameters[0].storage[(k * d)..<((k + 1) * d)], to: eps).vector
        }
        return Tensor(shape: [directions.count, d], storage: out)
    }

    /// Row k gathers ε/|a_k| · (g - (g·â)â) from every sample of direction k.
    public func parameterGradients(directions: [Int], magnitudes: [Float], shiftGradient: Tensor) -> [Tensor] {
        let d = latentDimension
        var grad = [Float](repeating: 0, count: parameters[0].count)
        for (i, (k, eps)) in zip(directions, magnitudes).enumerated() {
            let a = parameters[0].storage[(k * d)..<((k + 1) * d)]
            let norm = rescaled(a, to: 1).norm
            let g = rescaledGradient(shiftGradient.storage[(i * d)..<((i + 1) * d)], u: a, norm: norm, length: eps)
            for j in 0..<d { grad[k * d + j] += g[j] }
        }
        return [Tensor(shape: parameters[0].shape, storage: grad)]
    }
}

/// The MLP T with T(0) = 0: u(ε e_k) = W₂·(tanh(ε·W₁[:, k] + b₁) - tanh(b₁)), rescaled to length |ε|, so that
/// each direction is a curve through z whose tangent turns as |ε| grows while the step length stays ε.
public struct MLPTransform: LatentTransform {
    /// W₁ `[H, K]`, b₁ `[H]`, W₂ `[D, H]`.
    public var parameters: [Tensor]
    /// K.
    public var directionCount: Int { parameters[0].shape[1] }
    /// D.
    public var latentDimension: Int { parameters[2].shape[0] }
    /// H.
    public var hidden: Int { parameters[0].shape[0] }

    /// A transform with the given tensors.
    public init(w1: Tensor, b1: Tensor, w2: Tensor) {
        precondition(w1.rank == 2 && b1.shape == [w1.shape[0]] && w2.rank == 2 && w2.shape[1] == w1.shape[0],
                     "MLPTransform: W1 [H, K], b1 [H], W2 [D, H]")
        parameters = [w1, b1, w2]
    }

    /// PyTorch's default initialisation of the two linear layers (uniform ±1/√fan-in).
    public init(directions: Int, hidden: Int, latentDimension: Int, random: inout RandomSource) {
        let b1Bound = 1 / Float(directions).squareRoot(), b2Bound = 1 / Float(hidden).squareRoot()
        // W₁ acts on ε e_k with |ε| up to a few units, so it starts at the scale that keeps tanh in its bend.
        let w1 = Tensor(shape: [hidden, directions], storage: (0..<(hidden * directions)).map { _ in random.uniform(-0.5, 0.5) })
        let b1 = Tensor(shape: [hidden], storage: (0..<hidden).map { _ in random.uniform(-b1Bound, b1Bound) })
        let w2 = Tensor(shape: [latentDimension, hidden],
                        storage: (0..<(latentDimension * hidden)).map { _ in random.uniform(-b2Bound, b2Bound) })
        self.init(w1: w1, b1: b1, w2: w2)
    }

    /// The hidden difference h = tanh(ε·W₁[:, k] + b₁) - tanh(b₁), the pre-activation's tanh, and u = W₂·h.
    private func trace(_ k: Int, _ eps: Float) -> (h: [Float], t: [Float], u: [Float]) {
        let (w1, b1, w2) = (parameters[0].storage, parameters[1].storage, parameters[2].storage)
        let (hcount, kcount, d) = (hidden, directionCount, latentDimension)
        var h = [Float](repeating: 0, count: hcount), t = h
        for j in 0..<hcount {
            t[j] = hyperbolicTangentValue(eps * w1[j * kcount + k] + b1[j])
            h[j] = t[j] - hyperbolicTangentValue(b1[j])
        }
        var u = [Float](repeating: 0, count: d)
        for i in 0..<d {
            var total: Float = 0
            for j in 0..<hcount { total += w2[i * hcount + j] * h[j] }
            u[i] = total
        }
        return (h, t, u)
    }

    /// |ε|·û(ε e_k) per sample.
    public func shifts(directions: [Int], magnitudes: [Float]) -> Tensor {
        var out = [Float]()
        out.reserveCapacity(directions.count * latentDimension)
        for (k, eps) in zip(directions, magnitudes) {
            out += rescaled(trace(k, eps).u[...], to: abs(eps)).vector
        }
        return Tensor(shape: [directions.count, latentDimension], storage: out)
    }

    /// Back through the rescaling, W₂, tanh and W₁.
    public func parameterGradients(directions: [Int], magnitudes: [Float], shiftGradient: Tensor) -> [Tensor] {
        let (hcount, kcount, d) = (hidden, directionCount, latentDimension)
        let (b1, w2) = (parameters[1].storage, parameters[2].storage)
        var dw1 = [Float](repeating: 0, count: hcount * kcount), db1 = [Float](repeating: 0, count: hcount)
        var dw2 = [Float](repeating: 0, count: d * hcount)
        for (i, (k, eps)) in zip(directions, magnitudes).enumerated() {
            let (h, t, u) = trace(k, eps)
            let norm = rescaled(u[...], to: 1).norm
            let du = rescaledGradient(shiftGradient.storage[(i * d)..<((i + 1) * d)], u: u[...], norm: norm,
                                      length: abs(eps))
            var dh = [Float](repeating: 0, count: hcount)
            for r in 0..<d {
                for j in 0..<hcount {
                    dw2[r * hcount + j] += du[r] * h[j]
                    dh[j] += w2[r * hcount + j] * du[r]
                }
            }
            for j in 0..<hcount {
                let dPre = dh[j] * (1 - t[j] * t[j])
                let t0 = hyperbolicTangentValue(b1[j])
                dw1[j * kcount + k] += eps * dPre
                db1[j] += dPre - dh[j] * (1 - t0 * t0)
            }
        }
        return [Tensor(shape: parameters[0].shape, storage: dw1), Tensor(shape: parameters[1].shape, storage: db1),
                Tensor(shape: parameters[2].shape, storage: dw2)]
    }
}

/// tanh of one value through the core's activation.
@inline(__always) func hyperbolicTangentValue(_ x: Float) -> Float { Tanh().value(x) }
