import Dataset
import Editing
import LatentClassifier
import NumericCore
import Trainer

/// InterFaceGAN's linear boundaries of one attribute, fitted as logistic regressions (classifiers without
/// hidden layers): for a binary attribute one, class 1 against class 0; for a multiclass attribute one per
/// class, that class against the rest. A boundary's unit normal, mapped back through the input
/// standardisation, is the gradient of its logit, so the editor walks straight along it.
public struct LinearBoundaries: Sendable {
    /// The attribute's name.
    public let attribute: String
    /// Its class names, in class order.
    public let classNames: [String]
    /// The logistic regressions: one (binary) or one per class (multiclass, one-vs-rest); nil for a class of a
    /// multiclass attribute that no training sample has.
    public let classifiers: [MLPClassifier?]

    /// Whether the attribute is binary (one boundary for both directions).
    public var isBinary: Bool { classNames.count == 2 }

    /// The straight edit toward class `k`: along the binary normal (class 1) or against it (class 0), or along
    /// the normal of class k against the rest.
    public func target(toClass k: Int) throws -> EditTarget {
        guard classNames.indices.contains(k) else {
            throw EditError("attribute '\(attribute)' has no class \(k) (it has \(classNames.count))")
        }
        guard let classifier = classifiers[isBinary ? 0 : k] else {
            throw EditError("attribute '\(attribute)': no training sample is '\(classNames[k])', so it has no boundary toward it")
        }
        return isBinary ? try EditTarget(attribute: attribute, classifier: classifier, classIndex: k)
            : try EditTarget(attribute: "\(attribute)=\(classNames[k])", classifier: classifier, classIndex: 1)
    }

    /// Every normal of the attribute as a protected attribute, for InterFaceGAN's conditional edit (which
    /// projects them out): the binary one named after the attribute, or one per class named "attribute=class".
    public var protectedNormals: [ProtectedAttribute] {
        isBinary ? classifiers[0].map { [ProtectedAttribute(name: attribute, classifier: $0)] } ?? []
            : zip(classNames, classifiers).compactMap { name, classifier in
                classifier.map { ProtectedAttribute(name: "\(attribute)=\(name)", classifier: $0) }
            }
    }
}

/// Fits the linear boundaries of attribute `name` on `dataset`, on the samples and split `split` chooses (the
/// same the attribute's GradCtrl classifier learns from), with the Trainer and `configuration`. A class of a
/// multiclass attribute that no training sample has gets no boundary. Throws for an unknown attribute or
/// unusable data.
public func trainLinearBoundaries(_ name: String, in dataset: LabelledDataset, split: SplitOptions,
                                  configuration: TrainingConfiguration) throws -> LinearBoundaries {
    let attribute = dataset.manifest.attributes[try dataset.attributeIndex(name)]
    let chosen = try dataset.trainingSplit(attribute: name, options: split)
    let labels = chosen.labels(sampleCount: dataset.count)
    let binary = attribute.classes.count == 2
    let architecture = ClassifierArchitecture(inputDimension: dataset.latents.shape[1], hidden: [], classCount: 2)
    let classifiers = try (binary ? [1] : Array(attribute.classes.indices)).map { positive -> MLPClassifier? in
        if !binary && !chosen.train.contains(where: { labels[$0] == positive }) { return nil }
        return try trainClassifier(latents: dataset.latents, labels: binary ? labels : labels.map { $0 == positive ? 1 : 0 },
                            trainIndices: chosen.train, validationIndices: chosen.validation,
                            architecture: architecture, configuration: configuration,
                            classNames: binary ? attribute.classes : ["not \(attribute.classes[positive])", attribute.classes[positive]]
        ).classifier
    }
    return LinearBoundaries(attribute: name, classNames: attribute.classes, classifiers: classifiers)
}
