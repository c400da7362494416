@_exported import CommandTestSupport
import Diagnostics
import Foundation
import NumericCore
import TensorFormats
import Testing

/// Writes `bytes` to `file` in `directory`, runs `read` on it and checks that it throws a `FileError`
/// whose one-line description starts with the path and contains `phrase`.
func expectReadError(_ bytes: Data, file: String, in directory: TemporaryDirectory, phrase: String,
                     read: (String) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = directory.path(file)
    try bytes.write(to: URL(fileURLWithPath: path))
    expectError(phrase: phrase, path: path, sourceLocation: sourceLocation) { try read(path) }
}

/// Checks that `body` throws a `FileError` whose description is one line, starts with "`path`: " and
/// contains `phrase`.
func expectError(phrase: String, path: String, sourceLocation: SourceLocation = #_sourceLocation,
                 _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected an error containing \"\(phrase)\" for \(path), but none was thrown",
                     sourceLocation: sourceLocation)
    } catch let error as FileError {
        let text = error.description
        #expect(text.hasPrefix(path + ": "), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(phrase), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("\n"), "\(text)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error type \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}

/// Little-endian bytes of `value`, `size` bytes long.
func littleEndian(_ value: UInt64, size: Int) -> [UInt8] {
    (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
}

/// Deterministic sample elements of `type`, `count` of them, including edge values.
func sampleData(_ type: ElementType, count: Int) -> ElementData {
    let floats: [Float] = [0, -0.0, 1, -1.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity,
                           -.infinity, 3.1415927, -2.5e-30, 1e30, 0.1]
    let doubles: [Double] = [0, -0.0, 1, -1.5, .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity,
                             -.infinity, Double.pi, -2.5e-300, 1e300, 0.1]
    switch type {
    case .float32: return .float32((0..<count).map { floats[$0 % floats.count] * Float($0 / floats.count + 1) })
    case .float64: return .float64((0..<count).map { doubles[$0 % doubles.count] * Double($0 / doubles.count + 1) })
    case .int32: return .int32((0..<count).map { [Int32.min, Int32.max, 0, -1, 1, 123_456][$0 % 6] &+ Int32($0) })
    case .int64: return .int64((0..<count).map { [Int64.min, Int64.max, 0, -1, 1, 1 << 40][$0 % 6] &+ Int64($0) })
    case .uint8: return .uint8((0..<count).map { UInt8(truncatingIfNeeded: $0 * 37) })
    }
}

/// Shapes covering scalars, empty arrays and several ranks.
let sampleShapes: [[Int]] = [[], [0], [1], [7], [2, 3], [3, 0], [0, 5, 2], [2, 3, 4], [1, 1, 1, 13], [12, 1]]
