import LatentClassifier
import NumericCore

/// What an edit ascends: the probability of one class of an attribute's classifier. For a binary (sigmoid)
/// classifier, class 1 and class 0 are the two directions.
public struct EditTarget: Sendable {
    /// The attribute's name, for messages and reports.
    public let attribute: String
    /// The attribute's classifier.
    public let classifier: MLPClassifier
    /// The class whose probability the edit increases.
    public let classIndex: Int

    /// A target; throws if `classIndex` is not a class of `classifier`.
    public init(attribute: String, classifier: MLPClassifier, classIndex: Int) throws {
        guard (0..<classifier.architecture.classCount).contains(classIndex) else {
            throw EditError("attribute '\(attribute)' has no class \(classIndex) (it has \(classifier.architecture.classCount))")
        }
        self.attribute = attribute
        self.classifier = classifier
        self.classIndex = classIndex
    }

    /// The rows of `latents` `[N, D]` that the classifier does not already put in the target class: the
    /// latents an edit toward it is meant for, and the ones its success is measured on.
    public func rowsOutsideTarget(_ latents: Tensor) -> [Int] {
        let classes = classifier.predict(latents)
        return classes.indices.filter { classes[$0] != classIndex }
    }
}
