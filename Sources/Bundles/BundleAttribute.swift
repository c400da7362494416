import Diagnostics
import FileStorage
import Foundation
import LatentClassifier
import Saliency

/// One attribute in a bundle: its classifier with the class names, how it was trained, and its saliency.
public struct BundleAttribute: Sendable {
    /// The attribute's name (letters, digits, '_' and '-'; it appears in tensor names).
    public let name: String
    /// The class names, in class order (two for a binary attribute).
    public let classNames: [String]
    /// The classifier.
    public let classifier: MLPClassifier
    /// The trainer's metrics for it (e.g. "validationAccuracy"), free-form.
    public let trainingMetrics: [String: Double]
    /// Its channel importance over a latent sample.
    public let saliency: AttributeSaliency

    /// An attribute; throws if the parts do not agree (class count, latent dimension, saliency) or the name
    /// or class names are unusable.
    public init(name: String, classNames: [String], classifier: MLPClassifier, trainingMetrics: [String: Double] = [:],
                saliency: AttributeSaliency) throws {
        func failure(_ problem: String) -> FileError { FileError(path: bundlePlaceholderPath, problem: "attribute '\(name)': \(problem)") }
        guard isUsableName(name) else {
            throw FileError(path: bundlePlaceholderPath, problem: "attribute name '\(name)' must be non-empty letters, digits, '_' or '-'")
        }
        guard classNames.count == classifier.architecture.classCount else {
            throw failure("\(classNames.count) class names for a classifier of \(classifier.architecture.classCount) classes")
        }
        guard Set(classNames).count == classNames.count else {
            throw failure("class names must be distinct, got \(classNames)")
        }
        for className in classNames {
            // Class names become output file names (`<attribute>-to-<class>.npy`): nothing that could leave a folder.
            if let problem = fileNameProblem(className, what: "class name") { throw failure(problem) }
        }
        guard saliency.attribute == name, saliency.classNames == classNames,
              saliency.dimension == classifier.architecture.inputDimension,
              saliency.outputs.map(\.classIndex) == saliencyOutputClasses(classifier.architecture) else {
            throw failure("its saliency does not belong to this classifier")
        }
        if let bad = trainingMetrics.first(where: { !$0.value.isFinite }) {
            throw failure("training metric '\(bad.key)' is not finite")
        }
        self.name = name
        self.classNames = classNames
        self.classifier = classifier
        self.trainingMetrics = trainingMetrics
        self.saliency = saliency
    }

    /// "binary" for two classes, "multiclass" otherwise.
    public var kind: String { classNames.count == 2 ? "binary" : "multiclass" }
}

/// Whether `name` can appear in a tensor name: non-empty ASCII letters, digits, '_' and '-'.
func isUsableName(_ name: String) -> Bool {
    !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
}
