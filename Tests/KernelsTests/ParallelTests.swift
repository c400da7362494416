import Kernels
import Testing

/// Work split by its shape and run side by side: slices that cover every row once, results in part order.
@Suite("Splitting work across the cores")
struct ParallelTests {
    @Test("rowSlices cuts count rows into consecutive slices of the given size, the last one shorter")
    func rowSlicesCoverEveryRowOnce() {
        #expect(rowSlices(count: 10, rows: 3) == [0..<3, 3..<6, 6..<9, 9..<10])
        #expect(rowSlices(count: 9, rows: 3) == [0..<3, 3..<6, 6..<9])
        #expect(rowSlices(count: 2, rows: 256) == [0..<2])
        #expect(rowSlices(count: 5, rows: 1) == [0..<1, 1..<2, 2..<3, 3..<4, 4..<5])
        #expect(rowSlices(count: 0, rows: 4) == [0..<0])
        for count in [1, 7, 64, 65, 1000] {
            for rows in [1, 2, 32, 256] {
                let slices = rowSlices(count: count, rows: rows)
                #expect(slices.first?.lowerBound == 0 && slices.last?.upperBound == count)
                #expect(zip(slices, slices.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(slices.dropLast().allSatisfy { $0.count == rows } && (1...rows).contains(slices.last!.count))
            }
        }
    }

    @Test("inParallel runs every part once and returns the results in part order")
    func inParallelKeepsPartOrder() {
        for parts in [1, 2, 7, 64] {
            let results = inParallel(parts: parts) { part -> [Int] in
                // Uneven work, so that parts finish out of order.
                var total = 0
                for i in 0..<((parts - part) * 2_000) { total &+= i }
                return [part, total]
            }
            #expect(results.map { $0[0] } == Array(0..<parts))
            #expect(results.map { $0[1] } == (0..<parts).map { part in (0..<((parts - part) * 2_000)).reduce(0) { $0 &+ $1 } })
        }
    }

    @Test("the throwing inParallel rethrows a part's error, and returns every result when none throws")
    func inParallelRethrows() throws {
        struct PartFailed: Error, Equatable { let part: Int }
        #expect(throws: PartFailed(part: 3)) {
            _ = try inParallel(parts: 6) { part throws -> Int in
                if part == 3 { throw PartFailed(part: 3) }
                return part
            }
        }
        #expect(try inParallel(parts: 4) { part throws -> Int in part * part } == [0, 1, 4, 9])
    }
}
