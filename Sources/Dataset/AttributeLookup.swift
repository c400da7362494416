import Diagnostics

extension Attribute {
    /// The class count of the softmax head this attribute's classifier gets unless asked otherwise: K for an
    /// attribute of more than two classes, nil (a sigmoid head) for a binary one.
    public var defaultMulticlass: Int? { classes.count > 2 ? classes.count : nil }
}

extension LabelledDataset {
    /// The attribute called `name`; throws one line naming the attributes the dataset has when there is none.
    public func attribute(named name: String) throws -> Attribute {
        guard let attribute = manifest.attributes.first(where: { $0.name == name }) else {
            throw unknownAttributeError(name, known: manifest.attributes.map(\.name))
        }
        return attribute
    }
}

/// "unknown attribute 'name'; this dataset has: a, b": the one wording for an attribute a dataset (or the built-in
/// labellers that would make it) does not have.
public func unknownAttributeError(_ name: String, known: [String]) -> JobError {
    JobError("unknown attribute '\(name)'; this dataset has: \(known.joined(separator: ", "))")
}

/// "cannot protect 'name': the dataset's other attributes are a, b": the one wording for a protected attribute
/// that is the target itself or not in the dataset.
public func cannotProtectError(_ name: String, others: [String]) -> JobError {
    JobError("cannot protect '\(name)': the dataset's other attributes are \(others.joined(separator: ", "))")
}
