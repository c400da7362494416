import Editing
import Diagnostics

extension EditBundle {
    /// The protected attributes and masking method for an edit that overrides the bundle's choice, as the
    /// original command line's excluded attributes and their top-channel budgets do. `exclude` names the protected attributes
    /// (all of the bundle's when nil); `topChannels` gives one budget per named attribute, or one for all
    /// (when nil, the bundle's own budgets: its masked method's, else its automatic choice's). Throws naming
    /// an attribute the bundle lacks, a count that does not match, or a missing budget.
    public func maskingOverride(exclude: [String]?, topChannels: [Int]?) throws -> (protected: [ProtectedAttribute], method: EditMethod) {
        func failure(_ problem: String) -> FileError { FileError(path: bundlePlaceholderPath, problem: problem) }
        let names = exclude ?? protected.map(\.name)
        let available = protectedAttributes
        let chosen = try names.map { name in
            guard let attribute = available.first(where: { $0.name == name }) else {
                throw failure("the bundle has no classifier for protected attribute '\(name)' (it has: \(protected.map(\.name).joined(separator: ", ")))")
            }
            return attribute
        }
        var budgets = [String: Int]()
        if let topChannels {
            budgets = try channelBudgets(topChannels, for: names)
        } else {
            let own: [String: Int]
            if case .masked(let methodBudgets) = method { own = methodBudgets } else { own = maskChoice?.maskBudgets ?? [:] }
            for name in names {
                guard let budget = own[name] else {
                    throw failure("the bundle has no channel budget for '\(name)'; give the budgets explicitly")
                }
                budgets[name] = budget
            }
        }
        let method = EditMethod.masked(budgets: budgets)
        try reportingErrors(about: bundlePlaceholderPath) { try method.validate(for: chosen, dimension: generator.latentDimension) }
        return (chosen, method)
    }
}
