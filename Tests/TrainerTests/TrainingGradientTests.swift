import LatentClassifier
import NumericCore
import Testing
import Trainer

@Suite("The training gradient matches finite differences of the loss")
struct TrainingGradientTests {
    @Test(arguments: [(2, [Float]?.none), (2, [1, 3]), (3, nil), (3, [0.5, 2, 1])])
    func parameterGradientsOfTheLoss(classes: Int, weights: [Float]?) {
        var random = RandomSource(seed: UInt64(classes))
        let model = MLPClassifier(architecture: ClassifierArchitecture(inputDimension: 5, hidden: [4, 3],
                                                                       classCount: classes), random: &random)
        let inputs = Tensor(shape: [7, 5], storage: random.normals(35))
        let labels = (0..<7).map { $0 % classes }
        let head = model.architecture.head
        let analytic = lossAndParameterGradients(network: model.network, head: head, inputs: inputs, labels: labels,
                                                 classWeights: weights)
        #expect(analytic.loss == classifierLoss(logits: model.network.forward(inputs), labels: labels, head: head,
                                                classWeights: weights).value)
        func loss(_ parameters: [Tensor]) -> Double {
            var network = model.network
            network.parameters = parameters
            return Double(lossAndParameterGradients(network: network, head: head, inputs: inputs, labels: labels,
                                                    classWeights: weights).loss)
        }
        let parameters = model.parameters
        #expect(analytic.gradients.map(\.shape) == parameters.map(\.shape))
        var checked = 0, kinks = 0
        let step: Float = 3e-3
        for p in parameters.indices {
            for i in 0..<parameters[p].count {
                var plus = parameters, minus = parameters
                plus[p].storage[i] += step
                minus[p].storage[i] -= step
                let (up, centre, down) = (loss(plus), loss(parameters), loss(minus))
                // A LeakyReLU kink between the two probes makes the one-sided slopes disagree: skip it.
                if abs((up - centre) - (centre - down)) > 0.05 * abs(up - down) / 2 + 1e-5 {
                    kinks += 1
                    continue
                }
                let numeric = (up - down) / Double(2 * step)
                let value = Double(analytic.gradients[p].storage[i])
                #expect(abs(value - numeric) < 2e-3 + 1e-2 * abs(numeric), "parameter \(p) element \(i): \(value) vs \(numeric)")
                checked += 1
            }
        }
        #expect(kinks < checked / 10, "too many elements near a kink: \(kinks) of \(checked + kinks)")
    }
}
