import Diagnostics

extension ArgumentName {
    /// Channel budgets of the protected attributes to mask.
    public static let topChannels = ArgumentName(rawValue: "topChannels")
}

/// The channel budget of each protected attribute in `names` from `budgets`: one per attribute, in order, or
/// one for all (the original command line's rule). Throws unless the counts fit and no budget is negative.
public func channelBudgets(_ budgets: [Int], for names: [String]) throws -> [String: Int] {
    guard budgets.count == names.count || budgets.count == 1 else {
        throw ArgumentError(.topChannels, "\(budgets.count) budgets for \(names.count) protected attributes (\(names.joined(separator: ", "))); give one per attribute or one for all")
    }
    guard budgets.allSatisfy({ $0 >= 0 }) else {
        throw ArgumentError(.topChannels, "budgets must not be negative, got \(budgets.map(String.init).joined(separator: ","))")
    }
    var result = [String: Int]()
    for (index, name) in names.enumerated() { result[name] = budgets[budgets.count == 1 ? 0 : index] }
    return result
}
