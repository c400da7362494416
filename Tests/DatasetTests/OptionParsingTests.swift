import Dataset
import Testing

@Suite("Parsing index lists and class lists")
struct OptionParsingTests {
    @Test("index lists and ranges, validated against the dataset size")
    func indexLists() throws {
        #expect(try parseIndexList("0-3,7, 9-9", count: 10) == [0, 1, 2, 3, 7, 9])
        #expect(thrownDescription { _ = try parseIndexList("0-10", count: 10) } == "--indices: '0-10' lies outside the dataset's indices 0-9")
        #expect(thrownDescription { _ = try parseIndexList("3-1", count: 10) } == "--indices: '3-1' is not an index or a range like 0-99")
        #expect(thrownDescription { _ = try parseIndexList("1,x", count: 10) } == "--indices: 'x' is not an index or a range like 0-99")
        #expect(thrownDescription { _ = try parseIndexList("1-4,3", count: 10) } == "--indices: index 3 is listed twice")
    }

    @Test("random subsets are seeded, distinct and sorted")
    func randomSubsets() throws {
        let a = try randomIndices(20, of: 100, seed: 1)
        #expect(a == a.sorted() && Set(a).count == 20 && a.allSatisfy { (0..<100).contains($0) })
        #expect(try randomIndices(20, of: 100, seed: 1) == a)
        #expect(try randomIndices(20, of: 100, seed: 2) != a)
        #expect(thrownDescription { _ = try randomIndices(101, of: 100, seed: 1) } == "--count: must lie in 1...100 (the dataset size), is 101")
    }

    @Test("class assignments name=a,b,c")
    func classAssignments() throws {
        let (name, classes) = try parseClassAssignment("age=young, middle,old")
        #expect(name == "age" && classes == ["young", "middle", "old"])
        #expect(thrownDescription { _ = try parseClassAssignment("age") } == "--classes: 'age' is not of the form attribute=class0,class1,...")
    }
}
