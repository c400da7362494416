/// `value` if it lies in `range`, else a `FileError` about `source` (a path or an option name) that names
/// `what` and the range, e.g. "steps: must be between 1 and 1000, is 0".
@discardableResult
public func requireInRange<Value: Comparable>(_ value: Value, _ range: ClosedRange<Value>, _ what: String,
                                              source: String) throws(FileError) -> Value {
    guard range.contains(value) else {
        let prefix = what.isEmpty ? "" : "\(what) "
        throw FileError(path: source, problem: "\(prefix)must be between \(range.lowerBound) and \(range.upperBound), is \(value)")
    }
    return value
}
