import LatentClassifier

/// An attribute an edit must leave unchanged, with the classifier that measures it.
public struct ProtectedAttribute: Sendable {
    /// The attribute's name; masks and reports refer to it by this name.
    public let name: String
    /// The attribute's classifier.
    public let classifier: MLPClassifier

    /// A protected attribute.
    public init(name: String, classifier: MLPClassifier) {
        self.name = name
        self.classifier = classifier
    }
}
