import ArgumentParser
import Diagnostics
import Foundation

/// What one item of a `CommaList` can be: a value read from text, described in words for error messages.
public protocol ListItem: ExpressibleByArgument, Sendable {
    /// What an item is, e.g. "a whole number", as in "'x' is not a whole number".
    static var itemDescription: String { get }
}

extension Int: ListItem { public static var itemDescription: String { "a whole number" } }
extension UInt64: ListItem { public static var itemDescription: String { "a whole number ≥ 0" } }
extension Float: ListItem { public static var itemDescription: String { "a number" } }
extension String: ListItem { public static var itemDescription: String { "a text" } }

/// The values of one flag given as a comma-separated list ("16", "64,64", "lightness, light_side"): items are
/// trimmed of spaces, none may be empty, and each must parse as an `Element`. The one way every command reads
/// a list.
///
/// Parsing never fails inside ArgumentParser (whose refusals print the usage and exit with 64); a list that
/// does not parse keeps its `problem`, and the command's `validate()` calls `requireList(_:flag:)`, which
/// throws a one-line error naming the flag (exit status 1), as for every other bad value.
public struct CommaList<Element: ListItem>: ExpressibleByArgument, Sendable {
    /// The items, in order (empty when `problem` is set).
    public let values: [Element]
    /// Why the argument is not a list of `Element`s, in words, or nil if it is one.
    public let problem: String?

    /// A list of `values`.
    public init(_ values: [Element]) {
        self.values = values
        problem = nil
    }

    /// The list in `argument`; when it is empty, has an empty item or an item that does not parse, `values`
    /// is empty and `problem` says which item is wrong.
    public init(argument: String) {
        let items = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values = [Element]()
        var problem: String?
        for (number, item) in zip(1..., items) {
            let which = items.count == 1 ? "'\(item)'" : "item \(number) of '\(argument)'"
            if item.isEmpty {
                problem = items.count == 1 ? "the list is empty" : "\(which) is empty"
            } else if let value = Element(argument: item) {
                values.append(value)
                continue
            } else {
                problem = items.count == 1 ? "\(which) is not \(Element.itemDescription)"
                    : "\(which) is '\(item)', which is not \(Element.itemDescription)"
            }
            break
        }
        self.values = problem == nil ? values : []
        self.problem = problem
    }

    /// The items joined by commas, as `--help` shows a default.
    public var defaultValueDescription: String { values.map(\.defaultValueDescription).joined(separator: ",") }
}

/// Throws a one-line `FileError` naming `flag` when `list` was given and did not parse (see `CommaList`).
public func requireList<Element>(_ list: CommaList<Element>?, flag: String) throws(FileError) {
    if let problem = list?.problem { throw FileError(path: flag, problem: problem) }
}

/// One index ("7") or an inclusive range of indices ("0-99"), as an item of a `CommaList`.
public struct IndexRange: ListItem, Equatable {
    /// The indices, low to high.
    public let range: ClosedRange<Int>

    public static var itemDescription: String { "an index or a range low-high (0 ≤ low ≤ high)" }

    /// The index or range in `argument`, or nil unless it is `n` or `low-high` with 0 ≤ low ≤ high.
    public init?(argument: String) {
        let bounds = argument.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!, low >= 0, low <= high else {
            return nil
        }
        range = low...high
    }
}
