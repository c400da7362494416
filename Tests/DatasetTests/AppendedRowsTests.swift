import Dataset
import Generator
import Labellers
import NumericCore
import Testing

@Suite("Rows labelled and appended to a dataset")
struct AppendedRowsTests {
    @Test("a sampled dataset names its built-in labellers; a hand-labelled attribute or other parameters give none")
    func builtInLabellers() throws {
        let labellers: [any ImageLabeller] = [BuiltInLabellers.lightness, BuiltInLabellers.background]
        let dataset = try DatasetSampler(generator: try embeddedGenerator.get(), labellers: labellers, count: 8, seed: 2).run()
        #expect(dataset.builtInLabellers?.map(\.name) == ["lightness", "background"])
        let hand = Attribute(name: "smile", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "hand.csv"))
        #expect(try dataset.setting(hand, labels: [Int?](repeating: nil, count: 8)).builtInLabellers == nil)
        let other = LumaThresholdLabeller(name: "lightness", below: "dark", above: "light",
                                          region: BuiltInLabellers.lightness.region, threshold: 0.5)
        let shifted = try DatasetSampler(generator: try embeddedGenerator.get(), labellers: [other], count: 8, seed: 2).run()
        #expect(shifted.builtInLabellers == nil, "a labeller with another threshold is not the built-in one")
    }

    @Test("rows labelled from latents equal the sampler's labels of the same latents; appending keeps both in order")
    func labelAndAppend() throws {
        let generator = try embeddedGenerator.get()
        let sampled = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: 40, seed: 9).run()
        let rows = try sampled.labelledRows(sampled.latents.gathering(rows: Array(20..<40)), generator: generator,
                                            labellers: try #require(sampled.builtInLabellers), batchSize: 7)
        #expect(rows.count == 20 && rows.manifest.seed == nil)
        for column in sampled.labels.indices { #expect(rows.labels[column] == Array(sampled.labels[column][20..<40])) }
        let width = try #require(sampled.scores).shape[1]
        #expect(rows.scores?.storage == Array(sampled.scores!.storage[(20 * width)...]))
        let head = try DatasetSampler(generator: generator, labellers: BuiltInLabellers.all, count: 20, seed: 9).run()
        let joined = try head.appending(rows)
        #expect(joined.count == 40 && joined.latents == sampled.latents && joined.labels == sampled.labels)
        #expect(joined.scores == sampled.scores)
    }
}
