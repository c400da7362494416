import LatentClassifier
import NumericCore

/// The outputs a restoring correction holds, per protected classifier and row: a sigmoid head's logit ℓ; a
/// softmax head's logit differences ℓ_c − ℓ_m for every class c ≠ m, where m is the class the classifier
/// predicts at the path's start (first on a tie). `classes` fixes m per row; nil takes it at `latents`.
struct RestoredOutputs {
    /// Per protected classifier, `[N, outputs]`.
    var values: [[[Double]]]
    /// Per protected classifier, per output, its gradient `[N, D]`.
    var gradients: [[Tensor]]
    /// Per protected classifier (softmax heads only), the reference class m of each row.
    var referenceClasses: [[Int]?]

    /// The outputs of rows `indices` only (gradients are not kept: an anchor needs none).
    func rows(_ indices: [Int]) -> RestoredOutputs {
        RestoredOutputs(values: values.map { rows in indices.map { rows[$0] } }, gradients: [],
                        referenceClasses: referenceClasses.map { classes in classes.map { c in indices.map { c[$0] } } })
    }

    private init(values: [[[Double]]], gradients: [[Tensor]], referenceClasses: [[Int]?]) {
        self.values = values
        self.gradients = gradients
        self.referenceClasses = referenceClasses
    }

    init(_ protected: [ProtectedAttribute], at latents: Tensor, referenceClasses given: [[Int]?]? = nil) {
        let n = latents.shape[0]
        values = []
        gradients = []
        referenceClasses = []
        for (index, attribute) in protected.enumerated() {
            let (logits, logitGradients) = logitGradients(attribute.classifier, at: latents)
            let width = logits.shape[1]
            if attribute.classifier.architecture.head == .sigmoid {
                values.append((0..<n).map { [Double(logits.storage[$0])] })
                gradients.append(logitGradients)
                referenceClasses.append(nil)
                continue
            }
            let m = given?[index] ?? attribute.classifier.predictedClasses(fromLogits: logits)
            var rows = [[Double]]()
            var differences = [Tensor](repeating: Tensor(shape: latents.shape), count: width - 1)
            let d = latents.shape[1]
            for row in 0..<n {
                let others = (0..<width).filter { $0 != m[row] }
                rows.append(others.map { Double(logits.storage[row * width + $0]) - Double(logits.storage[row * width + m[row]]) })
                for (slot, c) in others.enumerated() {
                    for j in 0..<d {
                        differences[slot].storage[row * d + j] = logitGradients[c].storage[row * d + j]
                            - logitGradients[m[row]].storage[row * d + j]
                    }
                }
            }
            values.append(rows)
            gradients.append(differences)
            referenceClasses.append(m)
        }
    }
}

/// The tolerance of the damped solve: λ = this × the largest diagonal entry of J Jᵀ.
let restoringDamping = 1e-6

/// One restoring correction of every row of `latents` `[N, D]` toward the protected outputs `anchor` (taken
/// at the path's start): with r the stacked residuals of every protected classifier's outputs and J their
/// gradients (rows in protected order, then output order), δ = −Jᵀ (J Jᵀ + λI)⁻¹ r, the shortest move that
/// cancels r to first order (a Gauss–Newton step), shortened to `maximumLength` if longer; then, with
/// `norms`, the row is rescaled to its norm. Rows in `frozen` stay as they are.
func restore(_ latents: inout Tensor, protected: [ProtectedAttribute], anchor: RestoredOutputs,
             maximumLength: Double, norms: [Double]?, frozen: [Bool]) {
    let current = RestoredOutputs(protected, at: latents, referenceClasses: anchor.referenceClasses)
    let d = latents.shape[1]
    for row in 0..<latents.shape[0] where !frozen[row] {
        var jacobian = [[Double]]()
        var residual = [Double]()
        for a in protected.indices {
            for (o, gradient) in current.gradients[a].enumerated() {
                jacobian.append(gradient.storage[(row * d)..<((row + 1) * d)].map(Double.init))
                residual.append(current.values[a][row][o] - anchor.values[a][row][o])
            }
        }
        guard let coefficients = dampedSolve(jacobian, residual) else { continue }
        var delta = [Double](repeating: 0, count: d)
        for (i, gradient) in jacobian.enumerated() {
            for j in 0..<d { delta[j] -= coefficients[i] * gradient[j] }
        }
        let length = norm(delta)
        let shrink = length > maximumLength ? maximumLength / length : 1
        var w = (0..<d).map { Double(latents.storage[row * d + $0]) + shrink * delta[$0] }
        if let norms, norms[row] > 0 {
            let rescale = norms[row] / norm(w)
            w = w.map { $0 * rescale }
        }
        for j in 0..<d { latents.storage[row * d + j] = Float(w[j]) }
    }
}

/// x = (J Jᵀ + λI)⁻¹ r with λ = `restoringDamping` × max diag(J Jᵀ), by Cholesky in double precision; nil
/// when J is zero or not finite.
func dampedSolve(_ jacobian: [[Double]], _ residual: [Double]) -> [Double]? {
    let m = jacobian.count
    var a = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
        for j in 0...i {
            var dot = 0.0
            for k in jacobian[i].indices { dot += jacobian[i][k] * jacobian[j][k] }
            a[i][j] = dot
            a[j][i] = dot
        }
    }
    let largest = (0..<m).map { a[$0][$0] }.max() ?? 0
    guard largest > 0, largest.isFinite, residual.allSatisfy(\.isFinite) else { return nil }
    for i in 0..<m { a[i][i] += restoringDamping * largest }
    // Cholesky: a = L Lᵀ.
    var l = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
        for j in 0...i {
            var sum = a[i][j]
            for k in 0..<j { sum -= l[i][k] * l[j][k] }
            if i == j {
                guard sum > 0 else { return nil }
                l[i][i] = sum.squareRoot()
            } else {
                l[i][j] = sum / l[j][j]
            }
        }
    }
    var y = [Double](repeating: 0, count: m)
    for i in 0..<m {
        var sum = residual[i]
        for k in 0..<i { sum -= l[i][k] * y[k] }
        y[i] = sum / l[i][i]
    }
    var x = [Double](repeating: 0, count: m)
    for i in stride(from: m - 1, through: 0, by: -1) {
        var sum = y[i]
        for k in (i + 1)..<m { sum -= l[k][i] * x[k] }
        x[i] = sum / l[i][i]
    }
    return x
}
