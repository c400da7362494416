import Discovery
import Foundation
import Generator
import NumericCore
import Testing

@Suite struct ExperimentTests {
    @Test func block1Experiment() throws {
        let env = ProcessInfo.processInfo.environment
        guard let spec = env["TCA_EXP"] else { return }
        let parts = spec.split(separator: ",").map { Double($0)! }
        let generator = try DCGANGenerator.embedded()
        var random = RandomSource(seed: 1)
        let zFit = generator.samplePrior(count: 400, random: &random)
        let aFit = try generator.blockActivations(zFit, block: 1, beforeReLU: true)
        let exact = try LeastSquaresMap(from: aFit.reshaped([400, 8192]), to: zFit, withIntercept: false)
        let zTest = generator.samplePrior(count: 200, random: &random)
        let aTest = try generator.blockActivations(zTest, block: 1, beforeReLU: true)
        let ls = exact(aTest.reshaped([200, 8192]))
        func rel(_ a: Tensor, _ b: Tensor) -> Double {
            let num = zip(a.storage, b.storage).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
            let den = b.storage.reduce(0.0) { $0 + Double($1) * Double($1) }
            return (num / den).squareRoot()
        }
        print("LS vs true z:", rel(ls, zTest))
        let ranks = [Int(parts[3]), 4, 4, 100]
        var model = TuckerRegression(dimensions: [512, 4, 4, 100], ranks: ranks, random: &random)
        let settings = RegressionTraining(learningRate: Float(parts[0]), batchSize: 16, penaltyWeight: Float(parts[1]), iterations: Int(parts[2]), cosineDecay: true)
        var batchRandom = RandomSource(seed: 2)
        let start = Date()
        _ = try train(&model, settings: settings, batch: { n in
            let z = generator.samplePrior(count: n, random: &batchRandom)
            return (try generator.blockActivations(z, block: 1, beforeReLU: true), z)
        }, progress: { i, loss, m in if i % 250 == 0 { print(i, loss, rel(m(aTest), ls)) } })
        print("final rel", rel(model(aTest), ls), "time", Date().timeIntervalSince(start))
    }
}
