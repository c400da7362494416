import Testing
import NumericCore

@Suite("Losses")
struct LossTests {
    /// Central differences of a loss with respect to its logits.
    func numericGradient(_ logits: Tensor, _ loss: (Tensor) -> Float) -> [Float] {
        (0..<logits.count).map { i in
            var plus = logits, minus = logits
            plus.storage[i] += 1e-2
            minus.storage[i] -= 1e-2
            return (loss(plus) - loss(minus)) / 2e-2
        }
    }

    @Test func binaryCrossEntropyGradientAndValue() {
        let logits = randomTensor([6], seed: 21)
        let targets: [Float] = [1, 0, 1, 1, 0, 0]
        let weights: [Float] = [1, 2, 0.5, 1, 3, 1]
        let result = binaryCrossEntropyWithLogits(logits, targets: targets, weights: weights)
        let numeric = numericGradient(logits) { binaryCrossEntropyWithLogits($0, targets: targets, weights: weights).value }
        for (a, n) in zip(result.gradient.storage, numeric) { #expect(abs(a - n) < 1e-3) }
        // Known value: logit 0, target 1 → log 2.
        #expect(abs(binaryCrossEntropyWithLogits(Tensor(shape: [1], storage: [0]), targets: [1]).value - 0.693147) < 1e-5)
        // Stable for huge logits.
        #expect(binaryCrossEntropyWithLogits(Tensor(shape: [2], storage: [500, -500]), targets: [1, 0]).value == 0)
    }

    @Test func softmaxCrossEntropyGradientAndValue() {
        let logits = randomTensor([4, 3], seed: 22)
        let labels = [0, 2, 1, 2]
        let weights: [Float] = [1, 2, 0.5]
        let result = softmaxCrossEntropy(logits, labels: labels, classWeights: weights)
        let numeric = numericGradient(logits) { softmaxCrossEntropy($0, labels: labels, classWeights: weights).value }
        for (a, n) in zip(result.gradient.storage, numeric) { #expect(abs(a - n) < 1e-3) }
        // Uniform logits over 3 classes → log 3.
        let uniform = softmaxCrossEntropy(Tensor(shape: [1, 3], repeating: 0), labels: [1])
        #expect(abs(uniform.value - 1.098612) < 1e-5)
    }

    @Test func softLabelCrossEntropyGradientValueAndHardLimit() {
        let logits = randomTensor([4, 3], seed: 23)
        let targets = Tensor(shape: [4, 3], storage: [0.2, 0.5, 0.3, 1, 0, 0, 0.1, 0.1, 0.8, 0.6, 0.2, 0.2])
        let weights: [Float] = [1, 2, 0.5, 1]
        let result = softLabelCrossEntropy(logits, targets: targets, weights: weights)
        let numeric = numericGradient(logits) { softLabelCrossEntropy($0, targets: targets, weights: weights).value }
        for (a, n) in zip(result.gradient.storage, numeric) { #expect(abs(a - n) < 1e-3) }
        // One-hot targets give the hard-label loss and gradient.
        let labels = [2, 0, 1, 2]
        var oneHot = Tensor(shape: [4, 3], repeating: 0)
        for (row, label) in labels.enumerated() { oneHot.storage[row * 3 + label] = 1 }
        let soft = softLabelCrossEntropy(logits, targets: oneHot)
        let hard = softmaxCrossEntropy(logits, labels: labels)
        #expect(abs(soft.value - hard.value) < 1e-6)
        for (a, b) in zip(soft.gradient.storage, hard.gradient.storage) { #expect(abs(a - b) < 1e-6) }
    }

    @Test func halfSquaredErrorGradientAndValue() {
        let outputs = randomTensor([5, 1], seed: 24)
        let targets = randomTensor([5, 1], seed: 25)
        let weights: [Float] = [1, 2, 0.5, 1, 3]
        let result = halfSquaredError(outputs, targets: targets, weights: weights)
        let numeric = numericGradient(outputs) { halfSquaredError($0, targets: targets, weights: weights).value }
        for (a, n) in zip(result.gradient.storage, numeric) { #expect(abs(a - n) < 1e-3) }
        let value = halfSquaredError(Tensor(shape: [2], storage: [1, 3]), targets: Tensor(shape: [2], storage: [0, 1])).value
        #expect(abs(value - 1.25) < 1e-6)
    }
}
