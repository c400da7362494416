import Dataset
import Testing

@Suite("Selecting training and validation samples")
struct SelectionTests {
    /// 20 samples: margins −0.95, −0.85, …, 0.95 in a scrambled order; m classes cycle 0, 1, 2 with
    /// confidences rising with the index; sample 19 is unlabelled for m.
    let dataset: LabelledDataset
    let margins: [Float]

    init() throws {
        let order = [7, 2, 15, 0, 11, 19, 4, 9, 13, 1, 17, 6, 3, 12, 18, 5, 10, 14, 8, 16]
        margins = order.map { Float($0) / 10 - 0.95 }
        dataset = try syntheticDataset(margins: margins, multi: (0..<20).map { $0 == 19 ? nil : $0 % 3 },
                                       strength: (0..<20).map { 0.4 + Float($0) / 40 })
    }

    @Test("extremes on a binary attribute: the top and bottom p% of the margin")
    func binaryExtremes() throws {
        let split = try dataset.trainingSplit(attribute: "b", options: SplitOptions(rule: .extremes(percent: 10), validationFraction: 0))
        let ranked = margins.indices.sorted { margins[$0] < margins[$1] }
        #expect(split.train == Array(Set(ranked.prefix(2) + ranked.suffix(2))).sorted())
        #expect(split.validation.isEmpty)
        #expect(split.trainLabels == split.train.map { margins[$0] > 0 ? 1 : 0 })
        #expect(split.trainLabels.filter { $0 == 1 }.count == 2)
    }

    @Test("most confident per class on a multiclass attribute, and extremes as p% × N per class")
    func multiclassConfidence() throws {
        let split = try dataset.trainingSplit(attribute: "m", options: SplitOptions(rule: .mostConfident(perClass: 2), validationFraction: 0))
        // Confidence rises with the index, so each class keeps its two highest indices (19 is unlabelled).
        #expect(split.train == [13, 14, 15, 16, 17, 18])
        #expect(split.trainLabels == [1, 2, 0, 1, 2, 0])
        let extremes = try dataset.trainingSplit(attribute: "m", options: SplitOptions(rule: .extremes(percent: 10), validationFraction: 0))
        #expect(extremes.train == split.train, "10% of 19 labelled rounds to 2 per class")
        let binary = try dataset.trainingSplit(attribute: "b", options: SplitOptions(rule: .mostConfident(perClass: 3), validationFraction: 0))
        let positives = binary.train.filter { margins[$0] > 0 }.map { margins[$0] }
        #expect(positives.sorted() == margins.filter { $0 > 0 }.sorted().suffix(3))
    }

    @Test("all labelled samples, split per class")
    func allSplitPerClass() throws {
        let split = try dataset.trainingSplit(attribute: "m", options: SplitOptions(validationFraction: 0.3, seed: 9))
        #expect(Set(split.train).union(split.validation) == Set(0..<19))
        #expect(Set(split.train).isDisjoint(with: split.validation))
        #expect(split.train == split.train.sorted())
        // Classes hold 7, 6, 6 labelled samples; 30% of each held out: 2, 2, 2.
        #expect(split.validation.count == 6)
        for k in 0..<3 { #expect(split.validationLabels.filter { $0 == k }.count == 2) }
        #expect((0..<3).map { k in split.trainLabels.filter { $0 == k }.count } == [5, 4, 4])
    }

    @Test("the split depends only on the seed")
    func seededSplit() throws {
        let a = try dataset.trainingSplit(attribute: "b", options: SplitOptions(seed: 1))
        let b = try dataset.trainingSplit(attribute: "b", options: SplitOptions(seed: 1))
        let c = try dataset.trainingSplit(attribute: "b", options: SplitOptions(seed: 2))
        #expect(a == b)
        #expect(a.validation != c.validation)
    }

    @Test("rules parse from text; bad rules and options are refused")
    func parsing() throws {
        #expect(try SelectionRule(parsing: "all") == .all)
        #expect(try SelectionRule(parsing: "extremes:5") == .extremes(percent: 5))
        #expect(try SelectionRule(parsing: "confident:200") == .mostConfident(perClass: 200))
        #expect(SelectionRule.extremes(percent: 2.5).description == "extremes:2.5")
        for bad in ["extremes", "extremes:0", "extremes:60", "confident:0", "confident:x", "best"] {
            #expect(thrownDescription { _ = try SelectionRule(parsing: bad) }?.hasPrefix("selection: '\(bad)'") == true)
        }
        #expect(thrownDescription { _ = try dataset.trainingSplit(attribute: "c") }
                == "attribute: no attribute 'c' in the dataset (it has b, m)")
        #expect(thrownDescription { _ = try dataset.trainingSplit(attribute: "b", options: SplitOptions(validationFraction: 1)) }?
            .contains("must lie in [0, 1)") == true)
    }
}
