import CommandSupport
import CommandTestSupport
import Diagnostics
import Testing

@Suite("Comma lists, index ranges and flag names")
struct CommaListTests {
    @Test func listsAreTrimmedAndEveryItemMustParse() {
        #expect(CommaList<Int>(argument: "64, 64").values == [64, 64])
        #expect(CommaList<Int>(argument: "64, 64").problem == nil)
        #expect(CommaList<String>(argument: "young, middle,old").values == ["young", "middle", "old"])
        #expect(CommaList<Int>([20, 30]).defaultValueDescription == "20,30")
    }

    @Test func aMalformedListKeepsItsProblemAndNoValues() {
        let cases: [(String, String)] = [
            ("1,x", "item 2 of '1,x' is 'x', which is not a whole number"),
            ("x", "'x' is not a whole number"),
            ("16,", "item 2 of '16,' is empty"),
            (",16", "item 1 of ',16' is empty"),
            ("1, ,2", "item 2 of '1, ,2' is empty"),
            ("", "the list is empty"),
        ]
        for (argument, problem) in cases {
            let list = CommaList<Int>(argument: argument)
            #expect(list.problem == problem, "\(argument)")
            #expect(list.values.isEmpty)
        }
        #expect(CommaList<String>(argument: "no,,yes").problem == "item 2 of 'no,,yes' is empty")
        #expect(CommaList<UInt64>(argument: "-1").problem == "'-1' is not a whole number ≥ 0")
        #expect(CommaList<Float>(argument: "1,nope").problem == "item 2 of '1,nope' is 'nope', which is not a number")
    }

    @Test func requireListNamesTheFlag() throws {
        #expect(throws: Never.self) { try requireList(CommaList<Int>?.none, flag: "--hidden") }
        #expect(throws: Never.self) { try requireList(CommaList<Int>(argument: "16"), flag: "--hidden") }
        #expect(thrownDescription { try requireList(CommaList<Int>(argument: "16,"), flag: "--hidden") }
                == "--hidden: item 2 of '16,' is empty")
    }

    @Test func indexRangesAreAnIndexOrALowHighPair() {
        #expect(CommaList<IndexRange>(argument: "0-3,7, 9-9").values.map(\.range) == [0...3, 7...7, 9...9])
        #expect(IndexRange(argument: "3-1") == nil)
        #expect(IndexRange(argument: "x") == nil)
        #expect(IndexRange(argument: "-2") == nil)
        #expect(CommaList<IndexRange>(argument: "0-3,3-1").problem != nil)
    }

    @Test func argumentErrorsNameTheFlag() {
        let error = ArgumentError(ArgumentName(rawValue: "topChannels"), "3 budgets for 2 protected attributes")
        #expect(throws: FlagError.self) { try namingFlags([error.argument: "--top-channels"]) { throw error } }
        #expect(FlagError(error, flags: [error.argument: "--top-channels"]).description == "--top-channels: 3 budgets for 2 protected attributes")
        #expect(FlagError(error, flags: [:]).description == "topChannels: 3 budgets for 2 protected attributes")
    }
}
