import Testing
import Benchmarks

@Suite("Training benchmark")
struct TrainingBenchmarkTests {
    @Test(arguments: BenchmarkClassifier.allCases)
    func figuresComeFromTheTimer(classifier: BenchmarkClassifier) {
        var calls = 0
        let figures = measureTrainingBenchmark(classifier, batch: 16, gradientSamples: 20) { body in
            for _ in 0..<3 { body() }
            calls += 1
            return calls == 1 ? 0.5 : 0.25
        }
        #expect(calls == 2)
        #expect(figures.samplesPerSecond == 32)
        #expect(figures.gradientSeconds == 0.25 && figures.gradientSamples == 20)
        #expect(classifier.architecture.summary == classifier.rawValue + (classifier == .small ? " softmax" : " sigmoid"))
    }
}
