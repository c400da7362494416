import CommandTestSupport
import Diagnostics
import Testing
import NumericCore
import LatentClassifier

@Suite("Classifier input gradients match finite differences")
struct InputGradientTests {
    /// A classifier with non-trivial standardisation, so the gradient must include the division.
    func classifier(classes: Int, hidden: [Int], seed: UInt64) -> MLPClassifier {
        var random = RandomSource(seed: seed)
        let architecture = ClassifierArchitecture(inputDimension: 6, hidden: hidden, classCount: classes)
        let standardization = InputStandardization(mean: random.normals(6), deviation: (0..<6).map { _ in random.uniform(0.5, 2) })
        return MLPClassifier(architecture: architecture, standardization: standardization, random: &random)
    }

    func scalar(_ model: MLPClassifier, _ z: Tensor, _ output: ClassifierOutput) -> [Double] {
        switch output {
        case .probability(let c):
            let p = model.probabilities(z)
            return (0..<z.shape[0]).map { Double(p.storage[$0 * model.architecture.classCount + c]) }
        case .logit(let c):
            let l = model.logits(z)
            if model.architecture.head == .sigmoid { return (0..<z.shape[0]).map { Double(c == 1 ? l.storage[$0] : -l.storage[$0]) } }
            return (0..<z.shape[0]).map { Double(l.storage[$0 * model.architecture.classCount + c]) }
        }
    }

    @Test(arguments: [(2, [8]), (5, [16]), (3, [8, 7]), (4, [])])
    func everyOutputOfEveryClass(classes: Int, hidden: [Int]) {
        let model = classifier(classes: classes, hidden: hidden, seed: UInt64(classes * 10 + hidden.count))
        let z = gaussianLatents(3, 6, seed: 99)
        for c in 0..<classes {
            for output in [ClassifierOutput.probability(c), .logit(c)] {
                let analytic = model.inputGradient(z, of: output).gradient
                var kinks = 0
                for i in 0..<z.count {
                    let row = i / 6
                    var plus = z, minus = z
                    plus.storage[i] += 1e-2
                    minus.storage[i] -= 1e-2
                    let (up, centre, down) = (scalar(model, plus, output)[row], scalar(model, z, output)[row],
                                              scalar(model, minus, output)[row])
                    // A LeakyReLU kink between z-h and z+h makes the one-sided slopes disagree: skip it.
                    if abs((up - centre) - (centre - down)) > 0.05 * abs(up - down) / 2 + 1e-6 {
                        kinks += 1
                        continue
                    }
                    let numeric = (up - down) / 2e-2
                    #expect(abs(Double(analytic.storage[i]) - numeric) < 1e-2 * max(abs(numeric), 0.05),
                            "\(output) element \(i): \(analytic.storage[i]) vs \(numeric)")
                }
                #expect(kinks <= 2, "too many elements near a kink: \(kinks)")
            }
        }
    }

    @Test func sigmoidProbabilitiesSumToOneAndPredictAgrees() {
        let model = classifier(classes: 2, hidden: [8], seed: 3)
        let z = gaussianLatents(20, 6, seed: 4)
        let p = model.probabilities(z)
        let predicted = model.predict(z)
        for row in 0..<20 {
            #expect(abs(p.storage[2 * row] + p.storage[2 * row + 1] - 1) < 1e-6)
            #expect(predicted[row] == (p.storage[2 * row + 1] > 0.5 ? 1 : 0))
        }
    }
}

@Suite("Classifier tensors")
struct ClassifierTensorTests {
    @Test func namedTensorsRoundTrip() throws {
        var random = RandomSource(seed: 1)
        let model = MLPClassifier(architecture: ClassifierArchitecture(inputDimension: 5, hidden: [4, 3], classCount: 3),
                                  random: &random)
        let tensors = Dictionary(uniqueKeysWithValues: model.namedTensors(prefix: "color.").map { ($0.name, $0.tensor) })
        #expect(tensors.count == 8)
        let rebuilt = try MLPClassifier(architecture: model.architecture, tensors: tensors, prefix: "color.", source: "test")
        let z = Tensor(shape: [4, 5], storage: random.normals(20))
        #expect(rebuilt.probabilities(z) == model.probabilities(z))
    }

    @Test func missingOrMisshapenTensorIsNamed() {
        var random = RandomSource(seed: 2)
        let model = MLPClassifier(architecture: ClassifierArchitecture(inputDimension: 5, classCount: 2), random: &random)
        var tensors = Dictionary(uniqueKeysWithValues: model.namedTensors().map { ($0.name, $0.tensor) })
        tensors["layers.1.weight"] = Tensor(shape: [2, 16], repeating: 0)
        #expect(throws: FileError.self) {
            try MLPClassifier(architecture: model.architecture, tensors: tensors, source: "b.safetensors")
        }
        #expect(thrownDescription { _ = try MLPClassifier(architecture: model.architecture, tensors: tensors, source: "b.safetensors") }
                == "b.safetensors: tensor 'layers.1.weight' has shape [2, 16], expected [1, 16]")
        tensors["layers.1.weight"] = nil
        #expect(thrownDescription { _ = try MLPClassifier(architecture: model.architecture, tensors: tensors, source: "b.safetensors") }
                == "b.safetensors: tensor 'layers.1.weight' is missing")
    }
}
