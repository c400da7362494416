import Testing
import Trainer

@Suite("Training configurations fitted to small sets")
struct SmallTrainingSetTests {
    @Test("a set smaller than a batch trains in one batch of itself, for at least the minimum steps")
    func smallerThanABatch() {
        let fitted = TrainingConfiguration().fitted(toTrainingCount: 29, minimumSteps: 800)
        #expect(fitted.batchSize == 29 && fitted.epochs == 800 && fitted.patience == 160)
        #expect(fitted.learningRate == TrainingConfiguration().learningRate && fitted.seed == TrainingConfiguration().seed)
    }

    @Test("a few batches an epoch: epochs raised to reach the minimum steps, rounding up")
    func fewBatches() {
        let fitted = TrainingConfiguration(patience: nil).fitted(toTrainingCount: 350, minimumSteps: 800)
        #expect(fitted.batchSize == 32 && fitted.epochs == 73 && fitted.patience == nil)   // 11 batches × 73 ≥ 800
    }

    @Test("a large set is left as it is")
    func largeSetUnchanged() {
        let configuration = TrainingConfiguration(batchSize: 64, epochs: 30, patience: 4)
        #expect(configuration.fitted(toTrainingCount: 14_000) == configuration)
        #expect(configuration.fitted(toTrainingCount: 0) == configuration)
    }
}
