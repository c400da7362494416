/// The product of `shape`, or nil if a dimension is negative or the product overflows `Int`.
func checkedElementCount(_ shape: [Int]) -> Int? {
    var product = 1
    for dimension in shape {
        guard dimension >= 0 else { return nil }
        let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
        if overflow { return nil }
        product = next
    }
    return product
}

/// The number of bytes `shape` needs at `elementSize` bytes per element, or nil if it is negative or overflows `Int`.
func checkedByteCount(_ shape: [Int], elementSize: Int) -> Int? {
    guard let count = checkedElementCount(shape) else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
    return overflow ? nil : bytes
}

/// `shape` written as a Python tuple literal, e.g. `()`, `(3,)`, `(8, 100)`.
func pythonTuple(_ shape: [Int]) -> String {
    switch shape.count {
    case 0: "()"
    case 1: "(\(shape[0]),)"
    default: "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
