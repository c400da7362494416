/// The indices of the `count` largest values of `row`, largest first (the lower index first on a tie).
public func topChannels(_ row: ArraySlice<Float>, count: Int) -> [Int] {
    let base = row.startIndex
    let order = row.indices.sorted { a, b in row[a] != row[b] ? row[a] > row[b] : a < b }
    return order.prefix(count).map { $0 - base }
}
