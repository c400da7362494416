/// The most W+ layers a range given on the command line may reach (a bundle holds no more).
public let maximumStyleLayerFlag = 256

/// lo..<hi from "lo:hi" with 0 ≤ lo < hi ≤ ``maximumStyleLayerFlag``, or nil.
public func styleLayerRange(_ text: String) -> Range<Int>? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo >= 0, lo < hi, hi <= maximumStyleLayerFlag else { return nil }
    return lo..<hi
}
