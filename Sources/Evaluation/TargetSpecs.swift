import Dataset
import Diagnostics
import MainJob

/// One edit target of a run: an attribute of the dataset and the class to move toward.
public struct EditGoal: Sendable, Equatable {
    /// The attribute's name.
    public let attribute: String
    /// The class sought.
    public let classIndex: Int

    /// A goal from its parts.
    public init(attribute: String, classIndex: Int) {
        self.attribute = attribute
        self.classIndex = classIndex
    }
}

/// The edit goals `specs` name ("attribute:class", or "attribute" for every class of it), in order, without
/// repeats. Any attribute of the dataset may be named, a curated or imported one too: its judge is chosen later (the
/// image labellers where they label it, else cross-fitted judge classifiers). Throws naming an unknown attribute or
/// class.
public func resolveGoals(_ specs: [String], attributes: [Attribute]) throws -> [EditGoal] {
    var goals = [EditGoal]()
    for spec in specs {
        let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
        guard let name = parts.first, let attribute = attributes.first(where: { $0.name == name }) else {
            throw JobError("unknown attribute in '\(spec)'; the dataset has \(attributes.map(\.name).joined(separator: ", "))")
        }
        let classes: [Int]
        if parts.count == 2 {
            guard let index = attribute.classes.firstIndex(of: parts[1]) else {
                throw JobError("attribute '\(name)' has no class '\(parts[1])' (classes: \(attribute.classes.joined(separator: ", ")))")
            }
            classes = [index]
        } else {
            classes = attribute.classes.count == 2 ? [1, 0] : Array(attribute.classes.indices)
        }
        for index in classes where !goals.contains(EditGoal(attribute: name, classIndex: index)) {
            goals.append(EditGoal(attribute: name, classIndex: index))
        }
    }
    return goals
}
