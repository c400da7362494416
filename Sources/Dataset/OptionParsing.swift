import Files
import Foundation
import NumericCore

/// The sample indices in `text`, a comma-separated list of indices and inclusive ranges ("0-99,120,130-139"),
/// in the order given; throws for malformed parts, indices outside `0..<count` and repeats.
public func parseIndexList(_ text: String, count: Int) throws -> [Int] {
    func fail(_ problem: String) -> FileError { FileError(path: "--indices", problem: problem) }
    var indices = [Int](), seen = Set<Int>()
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
        let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low <= high else {
            throw fail("'\(part)' is not an index or a range like 0-99")
        }
        guard low >= 0 && high < count else {
            throw fail("'\(part)' lies outside the dataset's indices 0-\(count - 1)")
        }
        for index in low...high {
            guard seen.insert(index).inserted else { throw fail("index \(index) is listed twice") }
            indices.append(index)
        }
    }
    return indices
}

/// `size` distinct indices of `0..<count` chosen at random with `seed`, ascending.
public func randomIndices(_ size: Int, of count: Int, seed: UInt64) throws -> [Int] {
    guard size >= 1 && size <= count else {
        throw FileError(path: "--count", problem: "must lie in 1...\(count) (the dataset size), is \(size)")
    }
    var random = RandomSource(seed: seed)
    return random.permutation(count).prefix(size).sorted()
}

/// An attribute name and its class names from "name=class0,class1,...".
public func parseClassAssignment(_ text: String) throws -> (attribute: String, classes: [String]) {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else {
        throw FileError(path: "--classes", problem: "'\(text)' is not of the form attribute=class0,class1,...")
    }
    return (parts[0], parseClassList(parts[1]))
}

/// The class names in a comma-separated list, trimmed.
public func parseClassList(_ text: String) -> [String] {
    cells(Substring(text))
}
