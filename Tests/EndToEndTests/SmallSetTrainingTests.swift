import CommandTestSupport
import Foundation
import Testing

@Suite struct SmallSetTrainingTests {
    @Test func theTrainerTrainsASetSmallerThanABatchAndSaysHowAndHowFarToTrustIt() throws {
        let folder = try TemporaryDirectory()
        defer { folder.cleanUp() }
        let sample = try runProduct("Dataset", ["sample", "--count", "40", "--labellers", "lightness", "--out", folder.path("small")])
        try #require(sample.status == 0, "Dataset sample failed: \(sample.error)")
        let train = try runProduct("Trainer", ["--attribute", "lightness", "--dataset", folder.path("small"), "--protect", "none",
                                               "--force", "--out", folder.path("out")])
        try #require(train.status == 0, "Trainer failed: \(train.error)")
        #expect(train.error.contains("lightness: 28 training samples, so batches of 28 and up to 800 epochs"))
        #expect(train.error.contains("validation samples"), "small validation classes are called out")
        // 12 validation samples, 6 held out: too few of a class to trust, so only --force exports, and says so.
        #expect(train.error.contains("too few held-out samples to trust its figures"), "\(train.error)")
        #expect(train.output.contains("samples per class (train/validation)"))
        #expect(FileManager.default.fileExists(atPath: folder.path("out/small/lightness/lightness.classifier.safetensors")))
    }
}
