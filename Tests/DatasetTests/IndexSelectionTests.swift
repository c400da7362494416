import Dataset
import Testing

@Suite("Choosing sample indices")
struct IndexSelectionTests {
    @Test("index ranges, validated against the dataset size")
    func indexRanges() throws {
        #expect(try selectIndices([0...3, 7...7, 9...9], count: 10) == [0, 1, 2, 3, 7, 9])
        #expect(thrownDescription { _ = try selectIndices([0...10], count: 10) } == "indices: 0-10 lies outside the dataset's indices 0-9")
        #expect(thrownDescription { _ = try selectIndices([1...4, 3...3], count: 10) } == "indices: index 3 is listed twice")
    }

    @Test("random subsets are seeded, distinct and sorted")
    func randomSubsets() throws {
        let a = try randomIndices(20, of: 100, seed: 1)
        #expect(a == a.sorted() && Set(a).count == 20 && a.allSatisfy { (0..<100).contains($0) })
        #expect(try randomIndices(20, of: 100, seed: 1) == a)
        #expect(try randomIndices(20, of: 100, seed: 2) != a)
        #expect(thrownDescription { _ = try randomIndices(101, of: 100, seed: 1) } == "count: must lie in 1...100 (the dataset size), is 101")
    }
}
