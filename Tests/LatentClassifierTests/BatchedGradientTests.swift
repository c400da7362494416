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
}
