import Dataset
import LatentClassifier
import NumericCore
import Trainer

/// When and how the page's model is retrained.
public struct ActiveLearningSettings: Sendable, Equatable {
    /// Labels every class needs before the first model is trained.
    public var minimumPerClass: Int
    /// New labels (or changes) after which the model is trained again.
    public var retrainEvery: Int
    /// Hidden layer widths of the classifier (the Trainer's default, GradCtrl's one layer of 16).
    public var hidden: [Int]
    /// The share of each class's labels held out to pick the epoch and report accuracy.
    public var validationFraction: Double
    /// The seed of the split and of the training.
    public var seed: UInt64
    /// Optimiser steps the training runs at least (epochs are raised for small label sets, whose epochs are
    /// a few batches each; the Trainer's 60 epochs would leave such a model far from trained).
    public var minimumSteps: Int

    /// Settings; by default the first model after 3 labels of every class, retrained after every 10 new labels.
    public init(minimumPerClass: Int = 3, retrainEvery: Int = 10, hidden: [Int] = [16],
                validationFraction: Double = 0.3, seed: UInt64 = 0, minimumSteps: Int = 2000) {
        self.minimumSteps = minimumSteps
        self.minimumPerClass = minimumPerClass
        self.retrainEvery = retrainEvery
        self.hidden = hidden
        self.validationFraction = validationFraction
        self.seed = seed
    }
}

/// A classifier trained on the labels given so far, with its predictions for every sample.
public struct CurationModel: Sendable {
    /// The classifier (the Trainer's, with the weights of its best validation epoch).
    public let classifier: MLPClassifier
    /// Labels it was trained and validated on.
    public let labelCount: Int
    /// Accuracy on the held-out share of the labels.
    public let heldOutAccuracy: Double
    /// How many labels were held out.
    public let heldOutCount: Int
    /// Class probabilities of every sample of the dataset [N, K].
    public let probabilities: Tensor
}

/// Why no model can be trained yet from `labels` of an attribute with `classCount` classes, or nil when every
/// class has at least `minimumPerClass` labels.
public func modelNotReadyReason(labels: [Int?], classes: [String], minimumPerClass: Int) -> String? {
    var counts = [Int](repeating: 0, count: classes.count)
    for label in labels { if let label { counts[label] += 1 } }
    guard counts.contains(where: { $0 < minimumPerClass }) else { return nil }
    let have = zip(classes, counts).map { "\($1) \($0)" }.joined(separator: ", ")
    return "the model needs \(minimumPerClass) labels of each class (have \(have))"
}

/// Trains the classifier of the hand-labelled attribute `name` of `dataset` on its labels with the Trainer
/// (balanced class weights, batches of 32 or fewer while there are fewer labels, early stopping on the held-out
/// labels), and predicts every sample.
/// Returns nil when some class has fewer than `settings.minimumPerClass` labels.
public func trainCurationModel(_ dataset: LabelledDataset, attribute name: String,
                               settings: ActiveLearningSettings) throws -> CurationModel? {
    let index = try dataset.attributeIndex(name)
    let attribute = dataset.manifest.attributes[index]
    guard modelNotReadyReason(labels: dataset.labels[index], classes: attribute.classes,
                              minimumPerClass: settings.minimumPerClass) == nil else { return nil }
    let split = try dataset.trainingSplit(attribute: name,
                                          options: SplitOptions(validationFraction: settings.validationFraction,
                                                                seed: settings.seed))
    let classCount = attribute.classes.count
    let architecture = ClassifierArchitecture(inputDimension: dataset.latents.shape[1], hidden: settings.hidden,
                                              classCount: classCount, head: classCount == 2 ? .sigmoid : .softmax)
    var configuration = TrainingConfiguration(batchSize: min(32, split.train.count), classWeighting: .balanced,
                                              seed: settings.seed)
    let batches = (split.train.count + configuration.batchSize - 1) / configuration.batchSize
    configuration.epochs = max(configuration.epochs, (settings.minimumSteps + batches - 1) / batches)
    configuration.patience = configuration.patience.map { max($0, configuration.epochs / 5) }
    let result = try trainClassifier(latents: dataset.latents, labels: split.labels(sampleCount: dataset.count),
                                     trainIndices: split.train, validationIndices: split.validation,
                                     architecture: architecture,
                                     configuration: configuration,
                                     classNames: attribute.classes)
    return CurationModel(classifier: result.classifier, labelCount: split.train.count + split.validation.count,
                         heldOutAccuracy: result.metrics.validationAccuracy, heldOutCount: split.validation.count,
                         probabilities: result.classifier.probabilities(dataset.latents))
}
