import NumericCore
import Testing

@Suite("Tensor rows")
struct TensorTests {
    @Test func rowsConcatenateBackToTheWhole() {
        let whole = Tensor(shape: [5, 2, 3], storage: (0..<30).map(Float.init))
        let parts = [whole.rows(0..<2), whole.rows(2..<2), whole.rows(2..<5)]
        #expect(parts.map { $0.shape } == [[2, 2, 3], [0, 2, 3], [3, 2, 3]])
        #expect(Tensor(concatenatingRows: parts) == whole)
        #expect(whole.gathering(rows: [4, 0]).storage == Array((24..<30).map(Float.init) + (0..<6).map(Float.init)))
    }
}
