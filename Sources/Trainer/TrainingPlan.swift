import Dataset

/// What a run trains, checked once against its dataset before any training: the target with its head, the
/// attributes it protects with theirs, and the attributes left out of the default protection (attributes in
/// progress: too few labels to train on) with the reason.
public struct TrainingPlan: Sendable {
    /// One attribute to train and the class count of its softmax head (nil: a sigmoid head).
    public struct Entry: Sendable {
        /// The attribute as the dataset describes it.
        public let attribute: Attribute
        /// K for a softmax head of K classes, nil for a binary attribute's sigmoid head.
        public let multiclass: Int?
    }

    /// The attribute the edit controls.
    public let target: Entry
    /// The attributes the edit must leave alone, in the order given (or the dataset's order).
    public let protected: [Entry]
    /// Attributes the default protection leaves out, with why (they cannot train yet).
    public let leftOut: [(name: String, reason: String)]

    /// The target first, then the protected attributes.
    public var entries: [Entry] { [target] + protected }
    /// The protected attributes' names.
    public var protectedNames: [String] { protected.map(\.attribute.name) }

    /// The plan for `target` (with `multiclass` classes, or nil for a binary attribute) protecting `protected`
    /// (nil: every other attribute of `dataset` that can train). Throws one line for an unknown target, a protected
    /// attribute that is not among the others, a class count that does not fit, or a selection rule the labels
    /// cannot serve.
    public init(target: String, multiclass: Int?, protected: [String]?, options: AttributeTrainingOptions,
                in dataset: LabelledDataset) throws {
        let targetAttribute = try dataset.attribute(named: target)
        let others = dataset.manifest.attributes.map(\.name).filter { $0 != target }
        var leftOut = [(name: String, reason: String)]()
        let protectedNames: [String]
        if let protected {
            for name in protected where !others.contains(name) { throw cannotProtectError(name, others: others) }
            protectedNames = protected
        } else {
            protectedNames = others.filter { name in
                do {
                    _ = try dataset.trainingSplit(attribute: name, options: options.split)
                    return true
                } catch {
                    leftOut.append((name, "\(error)"))
                    return false
                }
            }
        }
        self.target = Entry(attribute: targetAttribute, multiclass: multiclass)
        self.protected = try protectedNames.map { name in
            let attribute = try dataset.attribute(named: name)
            return Entry(attribute: attribute, multiclass: attribute.defaultMulticlass)
        }
        self.leftOut = leftOut
        for entry in entries {
            _ = try classifierArchitecture(for: entry.attribute, dimension: dataset.latents.shape[1], multiclass: entry.multiclass,
                                           hidden: options.hidden ?? options.hiddenGrid[0])
            _ = try dataset.trainingSplit(attribute: entry.attribute.name, options: options.split)
        }
    }
}
