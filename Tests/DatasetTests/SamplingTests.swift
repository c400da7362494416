import Dataset
import Foundation
import Generator
import Labellers
import Testing

@Suite("Sampling labelled datasets")
struct SamplingTests {
    func sample(count: Int, seed: UInt64, into directory: TemporaryDirectory, name: String,
                batchSize: Int = 64, storeImages: Bool = false) throws -> String {
        let sampler = try DatasetSampler(generator: try embeddedGenerator.get(), labellers: BuiltInLabellers.all,
                                         count: count, seed: seed, batchSize: batchSize)
        let path = directory.path(name)
        _ = try sampler.write(to: path, storeImages: storeImages)
        return path
    }

    func bytes(_ folder: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(file))
    }

    @Test("the same seed gives byte-identical files, another seed others")
    func determinism() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let first = try sample(count: 64, seed: 11, into: directory, name: "a")
        let again = try sample(count: 64, seed: 11, into: directory, name: "b", batchSize: 24)
        let other = try sample(count: 64, seed: 12, into: directory, name: "c")
        for file in [DatasetFiles.latents, DatasetFiles.labels, DatasetFiles.scores, DatasetFiles.manifest] {
            #expect(try bytes(first, file) == bytes(again, file), "\(file) differs for the same seed and another batch size")
        }
        #expect(try bytes(first, DatasetFiles.latents) != bytes(other, DatasetFiles.latents))
        #expect(try bytes(first, DatasetFiles.labels) != bytes(other, DatasetFiles.labels))
    }

    @Test("a smaller run is a prefix of a larger one with the same seed")
    func prefix() throws {
        let generator = try embeddedGenerator.get()
        let small = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: 20, seed: 5).run()
        let large = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: 70, seed: 5,
                                       batchSize: 32).run()
        #expect(large.latents.rows(0..<20) == small.latents)
        #expect(large.labels.map { Array($0.prefix(20)) } == small.labels)
        // Scores too, to the byte: a sample's image does not depend on the batch it was rendered in.
        #expect(large.scores!.rows(0..<20) == small.scores!)
    }

    @Test("extending or cutting an earlier dataset gives the bytes of sampling from scratch")
    func extendingAndCutting() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let generator = try embeddedGenerator.get()
        func sampler(_ count: Int) throws -> DatasetSampler {
            try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: count, seed: 9)
        }
        let fresh = try sample(count: 150, seed: 9, into: directory, name: "fresh")
        let small = try sampler(70).write(to: directory.path("small"))
        var rendered = [Int]()
        let extended = directory.path("extended")
        _ = try sampler(150).write(to: extended, reusing: small, progress: { rendered.append($0) })
        #expect(rendered == [70, 134, 150], "kept all 70 earlier samples, rendered the rest")
        let large = try LabelledDataset.load(from: fresh)
        let cut = directory.path("cut")
        _ = try sampler(100).write(to: cut, reusing: large)
        let cutFresh = try sample(count: 100, seed: 9, into: directory, name: "cut-fresh")
        for file in [DatasetFiles.latents, DatasetFiles.labels, DatasetFiles.scores, DatasetFiles.manifest] {
            #expect(try bytes(fresh, file) == bytes(extended, file), "\(file) differs after extending")
            #expect(try bytes(cutFresh, file) == bytes(cut, file), "\(file) differs after cutting")
        }
        // Another seed, or other labellers, cannot be reused.
        let otherSeed = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: 150, seed: 10)
        #expect(otherSeed.reusableCount(of: small) == 0)
        let fewer = try DatasetSampler(generator: generator, labellers: [BuiltInLabellers.color], count: 150, seed: 9)
        #expect(fewer.reusableCount(of: small) == 0)
        #expect(try sampler(150).reusableCount(of: small) == 70 && sampler(30).reusableCount(of: small) == 30)
    }

    @Test("a written dataset loads back equal, with scores laid out per the manifest")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let sampler = try DatasetSampler(generator: try embeddedGenerator.get(), labellers: BuiltInLabellers.all,
                                         count: 40, seed: 3)
        let written = try sampler.write(to: directory.path("d"), storeImages: true)
        let loaded = try LabelledDataset.load(from: directory.path("d"))
        #expect(loaded.manifest == written.manifest)
        #expect(loaded.latents == written.latents && loaded.labels == written.labels && loaded.scores == written.scores)
        #expect(loaded.manifest.imagesStored)
        let generator = try embeddedGenerator.get()
        #expect(loaded.manifest.matches(generator: generator, count: 40, seed: 3))
        #expect(!loaded.manifest.matches(generator: generator, count: 40, seed: 4))
        #expect(!loaded.manifest.matches(generator: FailingGenerator(failingBatch: -1), count: 40, seed: 3))
        #expect(FileManager.default.fileExists(atPath: directory.path("d/images/000039.png")))
        #expect(loaded.manifest.attributes.map { $0.scores!.range } == [0..<5, 5..<6, 6..<7, 7..<8])
        for sample in 0..<40 {
            let margin = loaded.scores(of: loaded.manifest.attributes[1], sample: sample)!.first!
            #expect((margin > 0 ? 1 : 0) == loaded.labels[1][sample], "lightness class follows the sign of its margin")
            let confidences = Array(loaded.scores(of: loaded.manifest.attributes[0], sample: sample)!)
            #expect(abs(confidences.reduce(0, +) - 1) < 1e-4)
        }
    }

    @Test("images are rendered in batches of at most the batch size")
    func batches() throws {
        let sampler = try DatasetSampler(generator: try embeddedGenerator.get(), labellers: [], count: 50, seed: 1,
                                         batchSize: 16)
        var sizes = [Int](), progress = [Int]()
        _ = try sampler.run(eachBatch: { _, images in sizes.append(images.shape[0]) }, progress: { progress.append($0) })
        #expect(sizes == [16, 16, 16, 2])
        #expect(progress == [16, 32, 48, 50])
    }

    @Test("an interrupted sampling leaves no dataset, and an existing one untouched")
    func interruptedWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let failing = try DatasetSampler(generator: FailingGenerator(failingBatch: 2), labellers: BuiltInLabellers.all,
                                         count: 100, seed: 1, batchSize: 10)
        // The generator's own error comes through unchanged.
        #expect(throws: GeneratorError.cannotRender(identifier: "interrupted on purpose")) {
            _ = try failing.write(to: directory.path("fresh"), storeImages: true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty,
                "neither the dataset nor a temporary folder is left")

        let good = try DatasetSampler(generator: FailingGenerator(failingBatch: -1), labellers: BuiltInLabellers.all,
                                      count: 30, seed: 1)
        _ = try good.write(to: directory.path("existing"))
        let before = try bytes(directory.path("existing"), DatasetFiles.latents)
        let failingAgain = try DatasetSampler(generator: FailingGenerator(failingBatch: 1), labellers: [], count: 100,
                                              seed: 2, batchSize: 10)
        #expect(throws: GeneratorError.cannotRender(identifier: "interrupted on purpose")) {
            _ = try failingAgain.write(to: directory.path("existing"))
        }
        #expect(try bytes(directory.path("existing"), DatasetFiles.latents) == before)
        #expect(try LabelledDataset.load(from: directory.path("existing")).count == 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["existing"])
    }

    @Test("bad sampling requests are refused with a clear message")
    func badRequests() throws {
        let generator = try embeddedGenerator.get()
        #expect(thrownDescription { _ = try DatasetSampler(generator: generator, labellers: [], count: 0, seed: 1) }
                == "count: must be positive, is 0")
        #expect(thrownDescription { _ = try DatasetSampler(generator: generator, labellers: [], count: 5, seed: 1, batchSize: 0) }
                == "batchSize: must be positive, is 0")
        #expect(thrownDescription { _ = try DatasetSampler(generator: ExternalLatentSpace(dimension: 8), labellers: [], count: 5, seed: 1) }?
            .contains("cannot render") == true)
    }
}
