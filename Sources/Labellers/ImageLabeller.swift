/// The label a labeller gives one image: a class index and its continuous scores.
public struct ImageLabel: Sendable, Equatable {
    /// The class, 0..<K.
    public let classIndex: Int
    /// The scores: one margin for a binary labeller, K per-class confidences for a multiclass one.
    public let scores: [Float]

    /// A label with its scores.
    public init(classIndex: Int, scores: [Float]) {
        self.classIndex = classIndex
        self.scores = scores
    }
}

/// A rule that labels an attribute from a rendered image, with a continuous score that says how clearly.
public protocol ImageLabeller: Sendable {
    /// The attribute name, also the labeller's name.
    var name: String { get }
    /// Binary or multiclass.
    var kind: AttributeKind { get }
    /// The class names.
    var classes: [String] { get }
    /// The parameters that define the rule, recorded in the manifest.
    var parameters: [String: ParameterValue] { get }
    /// What the scores mean, recorded in the manifest.
    var scoreMeaning: String { get }
    /// The label of `image`.
    func label(_ image: PlanarImage) -> ImageLabel
}

extension ImageLabeller {
    /// The number of score columns: 1 for binary, K for multiclass.
    public var scoreCount: Int { kind == .binary ? 1 : classes.count }
}
