import CommandSupport
import Files
import Testing

@Suite("Comma lists, index ranges and flag names")
struct CommaListTests {
    @Test func listsAreTrimmedAndEveryItemMustParse() {
        #expect(CommaList<Int>(argument: "64, 64")?.values == [64, 64])
        #expect(CommaList<String>(argument: "young, middle,old")?.values == ["young", "middle", "old"])
        #expect(CommaList<Int>(argument: "1,x") == nil)
        #expect(CommaList<Int>(argument: "") == nil)
        #expect(CommaList<Int>([20, 30]).defaultValueDescription == "20,30")
    }

    @Test func indexRangesAreAnIndexOrALowHighPair() {
        #expect(CommaList<IndexRange>(argument: "0-3,7, 9-9")?.values.map(\.range) == [0...3, 7...7, 9...9])
        #expect(IndexRange(argument: "3-1") == nil)
        #expect(IndexRange(argument: "x") == nil)
        #expect(IndexRange(argument: "-2") == nil)
    }

    @Test func argumentErrorsNameTheFlag() {
        let error = ArgumentError(ArgumentName(rawValue: "topChannels"), "3 budgets for 2 protected attributes")
        #expect(throws: FlagError.self) { try namingFlags([error.argument: "--top-channels"]) { throw error } }
        #expect(FlagError(error, flags: [error.argument: "--top-channels"]).description == "--top-channels: 3 budgets for 2 protected attributes")
        #expect(FlagError(error, flags: [:]).description == "topChannels: 3 budgets for 2 protected attributes")
    }
}
