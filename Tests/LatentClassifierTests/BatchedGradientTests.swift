import LatentClassifier
import NumericCore
import Testing

@Suite("Gradients of several outputs from one forward pass")
struct BatchedGradientTests {
    @Test(arguments: [2, 4])
    func inputGradientsEqualOneCallPerOutput(classes: Int) {
        var random = RandomSource(seed: UInt64(classes))
        let architecture = ClassifierArchitecture(inputDimension: 6, hidden: [8], classCount: classes)
        let standardization = InputStandardization(mean: random.normals(6),
                                                   deviation: (0..<6).map { _ in random.uniform(0.5, 2) })
        let model = MLPClassifier(architecture: architecture, standardization: standardization, random: &random)
        let z = Tensor(shape: [5, 6], storage: random.normals(30))
        let outputs = (0..<classes).flatMap { [ClassifierOutput.probability($0), .logit($0)] }
        let batched = model.inputGradients(z, of: outputs)
        #expect(batched.gradients.count == outputs.count)
        for (output, gradient) in zip(outputs, batched.gradients) {
            let single = model.inputGradient(z, of: output)
            #expect(single.gradient == gradient, "\(output)")
            #expect(single.probabilities == batched.probabilities)
        }
        #expect(batched.probabilities == model.probabilities(z))
    }

    @Test func foldedStandardisationMatchesStandardisingFirst() {
        var random = RandomSource(seed: 8)
        let architecture = ClassifierArchitecture(inputDimension: 7, hidden: [5], classCount: 3)
        let standardization = InputStandardization(mean: random.normals(7).map { $0 * 4 },
                                                   deviation: (0..<7).map { _ in random.uniform(0.2, 5) })
        let model = MLPClassifier(architecture: architecture, standardization: standardization, random: &random)
        let z = Tensor(shape: [9, 7], storage: random.normals(63).map { $0 * 3 + 1 })
        let reference = model.network.forward(standardization.apply(z))
        let logits = model.logits(z)
        for (a, b) in zip(logits.storage, reference.storage) {
            #expect(abs(a - b) < 1e-5 * max(1, abs(b)))
        }
    }

    @Test func largeBatchesInChunksEqualRowByRow() {
        // A hidden width of 4096 makes chunks of 64 rows, so 150 rows take three chunks.
        var random = RandomSource(seed: 21)
        let architecture = ClassifierArchitecture(inputDimension: 5, hidden: [4096], classCount: 3)
        let standardization = InputStandardization(mean: random.normals(5),
                                                   deviation: (0..<5).map { _ in random.uniform(0.5, 2) })
        let model = MLPClassifier(architecture: architecture, standardization: standardization, random: &random)
        let z = Tensor(shape: [150, 5], storage: random.normals(150 * 5))
        let batched = model.inputGradients(z, of: [.probability(2), .logit(0)])
        for row in [0, 63, 64, 127, 128, 149] {
            let single = model.inputGradients(z.rows(row..<(row + 1)), of: [.probability(2), .logit(0)])
            for (p, q) in zip(single.probabilities.storage, batched.probabilities.rows(row..<(row + 1)).storage) {
                #expect(abs(p - q) < 1e-5)
            }
            for output in 0..<2 {
                let expected = single.gradients[output].storage
                let got = batched.gradients[output].rows(row..<(row + 1)).storage
                let scale = expected.map(abs).max()!
                #expect(zip(expected, got).allSatisfy { abs($0 - $1) <= 1e-4 * scale }, "row \(row) output \(output)")
            }
        }
    }
}
