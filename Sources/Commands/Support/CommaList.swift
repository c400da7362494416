import ArgumentParser
import Foundation

/// The values of one flag given as a comma-separated list ("16", "64,64", "lightness, light_side"): items are
/// trimmed of spaces, and each must parse as an `Element`. The one way every command reads a list.
public struct CommaList<Element: ExpressibleByArgument & Sendable>: ExpressibleByArgument, Sendable {
    /// The items, in order.
    public let values: [Element]

    /// A list of `values`.
    public init(_ values: [Element]) { self.values = values }

    /// The list in `argument`, or nil when it is empty or an item does not parse.
    public init?(argument: String) {
        var values = [Element]()
        for item in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Element(argument: item.trimmingCharacters(in: .whitespaces)) else { return nil }
            values.append(value)
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    /// The items joined by commas, as `--help` shows a default.
    public var defaultValueDescription: String { values.map(\.defaultValueDescription).joined(separator: ",") }
}

/// One index ("7") or an inclusive range of indices ("0-99"), as an item of a `CommaList`.
public struct IndexRange: ExpressibleByArgument, Sendable, Equatable {
    /// The indices, low to high.
    public let range: ClosedRange<Int>

    /// The index or range in `argument`, or nil unless it is `n` or `low-high` with 0 ≤ low ≤ high.
    public init?(argument: String) {
        let bounds = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low >= 0, low <= high else {
            return nil
        }
        range = low...high
    }
}
