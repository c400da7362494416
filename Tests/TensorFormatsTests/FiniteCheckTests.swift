import NumericCore
import TensorFormats
import Testing

@Suite("finite checks")
struct FiniteCheckTests {
    @Test("the first non-finite element is reported with its index and the file")
    func reportsFirst() {
        var storage = [Float](repeating: 1, count: 12)
        storage[6] = .nan
        storage[9] = .infinity
        let tensor = Tensor(shape: [3, 4], storage: storage)
        #expect(firstNonFiniteIndex(tensor.storage) == 6)
        expectError(phrase: "tensor \"z\" has a non-finite value (nan) at index [1, 2] (element 6 of 12)", path: "data/z.npy") {
            try requireFinite(tensor, source: "data/z.npy", name: "z")
        }
        let doubles = NumericArray(shape: [2], data: .float64([1, -.infinity]))
        expectError(phrase: "has a non-finite value (-inf) at index [1]", path: "d.npy") {
            try requireFinite(doubles, source: "d.npy")
        }
    }

    @Test("finite tensors and integer arrays pass")
    func passes() throws {
        try requireFinite(Tensor(shape: [2], storage: [1, 2]), source: "ok.npy")
        try requireFinite(Tensor(shape: [0, 3], storage: []), source: "empty.npy")
        try requireFinite(NumericArray(shape: [1], data: .int32([Int32.max])), source: "ints.npy")
        #expect(firstNonFiniteIndex([Double]()) == nil)
    }
}
