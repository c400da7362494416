import CommandTestSupport
import Foundation
import ImageIO
import Testing
import Trainer

@Suite("Training reports")
struct TrainingReportTests {
    @Test func reportWritesMetricsCurvesAndConfusionMatrix() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let directory = scratch.path("reports")  // not there yet: the report makes it
        let problem = SyntheticProblem.clusters(count: 300, dimension: 6, classes: 3, noise: 0.1, seed: 12)
        let metrics = try train(problem, classes: 3, configuration: TrainingConfiguration(epochs: 12, classWeighting: .uniform)).metrics
        let paths = try metrics.writeReport(directory: directory, name: "colour", title: "colour 6-16-3")
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent }
                == ["colour.metrics.json", "colour.curves.png", "colour.confusion.png"])
        #expect(try TrainingMetrics(jsonData: Data(contentsOf: URL(fileURLWithPath: paths[0]))) == metrics)
        let curves = try readImage(paths[1])
        #expect(curves.width == 800 && curves.height == 800)
        #expect(Set(curves.pixels).count > 10, "the curves image is not blank")
        let confusion = try readImage(paths[2])
        #expect(confusion.width == 800 && confusion.height == 600)
        #expect(confusion == metrics.confusionMatrixImage(title: "colour 6-16-3: validation confusion matrix"))
    }
}
