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
    /// The labels are split into this many folds (per class); one classifier is trained per fold on the
    /// others, its epoch chosen on its own fold.
    ///
    /// 10 folds of at least 800 steps (rather than 5 of 2,000: the same work) were chosen with `lightness`
    /// standing in for the person (`simulateCuration` with other folds and steps, 200 labels in rounds of 20): held-out
    /// accuracy most uncertain first 0.792 against 0.779 mean over seeds 0-9 (plain order 0.755 and 0.753),
    /// and on seeds 10-19, not used to choose, 0.783 against 0.772 in plain order.
    public var folds: Int
    /// The seed of the folds and of the training.
    public var seed: UInt64
    /// Optimiser steps each training runs at least (epochs are raised for small label sets, whose epochs are
    /// a few batches each; the Trainer's 60 epochs would leave such a model far from trained).
    public var minimumSteps: Int

    /// Settings; by default the first model after 3 labels of every class, retrained after every 10 new
    /// labels, 10 folds, at least 800 steps per classifier.
    public init(minimumPerClass: Int = 3, retrainEvery: Int = 10, hidden: [Int] = ClassifierArchitecture.gradCtrlHidden, folds: Int = 10,
                seed: UInt64 = 0, minimumSteps: Int = TrainingConfiguration.minimumStepsForSmallSets) {
        self.minimumPerClass = minimumPerClass
        self.retrainEvery = retrainEvery
        self.hidden = hidden
        self.folds = folds
        self.seed = seed
        self.minimumSteps = minimumSteps
    }
}

/// The classifiers trained on the labels given so far (one per fold), with their predictions for every sample.
public struct CurationModel: Sendable {
    /// One classifier per fold (the Trainer's, with the weights of its best epoch on its fold).
    public let classifiers: [MLPClassifier]
    /// The attribute's labels it was trained on, one per sample of the dataset (nil: unlabelled then).
    public let trainedLabels: [Int?]
    /// Out-of-fold figures: every label predicted by the classifier that did not train on it, with the
    /// majority-class rate and the balanced accuracy beside the accuracy.
    public let figures: HeldOutFigures
    /// Class probabilities of every sample of the dataset [N, K], the mean of the folds' classifiers.
    public let probabilities: Tensor

    /// A model of `classifiers` trained on `trainedLabels`, measured as `figures`, on a dataset of `latents` [N, D].
    public init(classifiers: [MLPClassifier], trainedLabels: [Int?], figures: HeldOutFigures, latents: Tensor) {
        precondition(!classifiers.isEmpty, "a model has at least one classifier")
        self.classifiers = classifiers
        self.trainedLabels = trainedLabels
        self.figures = figures
        probabilities = meanProbabilities(classifiers, latents)
    }

    /// Labels it was trained on.
    public var labelCount: Int { figures.labels }
    /// Out-of-fold accuracy: every label predicted by the classifier that did not train on it.
    public var heldOutAccuracy: Double { figures.accuracy }
    /// How many labels the held-out accuracy is measured on (all of them).
    public var heldOutCount: Int { figures.labels }

    /// The mean class probabilities of the folds' classifiers for `latents` [M, D].
    public func probabilities(_ latents: Tensor) -> Tensor {
        meanProbabilities(classifiers, latents)
    }
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

/// Trains the model of the hand-labelled attribute `name` of `dataset` on its labels: the labels are split into
/// `settings.folds` folds (each class spread evenly, seeded), and for every fold the Trainer fits a classifier on
/// the other folds (balanced class weights, `TrainingConfiguration.fitted` to at least `settings.minimumSteps` steps) and
/// keeps its best epoch on that fold. Every label is thus predicted once by a classifier that never saw it
/// (the held-out accuracy), and the samples' probabilities are the mean of all folds' classifiers, so every
/// label informs the ordering. Returns nil when some class has fewer than `settings.minimumPerClass` labels.
public func trainCurationModel(_ dataset: LabelledDataset, attribute name: String,
                               settings: ActiveLearningSettings) throws -> CurationModel? {
    let index = try dataset.attributeIndex(name)
    let attribute = dataset.manifest.attributes[index]
    let column = dataset.labels[index]
    guard modelNotReadyReason(labels: column, classes: attribute.classes,
                              minimumPerClass: settings.minimumPerClass) == nil else { return nil }
    let folds = stratifiedFolds(column, classCount: attribute.classes.count, folds: max(2, settings.folds),
                                seed: settings.seed)
    let classCount = attribute.classes.count
    let architecture = ClassifierArchitecture(inputDimension: dataset.latents.shape[1], hidden: settings.hidden,
                                              classCount: classCount, head: classCount == 2 ? .sigmoid : .softmax)
    let labels = column.map { $0 ?? 0 }
    var classifiers = [MLPClassifier]()
    var truth = [Int](), predictions = [Int]()
    for (number, validation) in folds.enumerated() where !validation.isEmpty {
        let train = folds.enumerated().filter { $0.offset != number }.flatMap(\.element).sorted()
        let configuration = TrainingConfiguration(classWeighting: .balanced, seed: settings.seed &+ UInt64(number))
            .fitted(toTrainingCount: train.count, minimumSteps: settings.minimumSteps)
        let result = try trainClassifier(latents: dataset.latents, labels: labels, trainIndices: train,
                                         validationIndices: validation, architecture: architecture,
                                         configuration: configuration, classNames: attribute.classes)
        classifiers.append(result.classifier)
        let predicted = result.classifier.predict(dataset.latents.gathering(rows: validation))
        truth += validation.map { labels[$0] }
        predictions += predicted
    }
    return CurationModel(classifiers: classifiers, trainedLabels: column,
                         figures: HeldOutFigures(truth: truth, predicted: predictions, classCount: classCount),
                         latents: dataset.latents)
}

/// The labelled samples of `labels` in `folds` folds: each class's samples in a seeded random order, dealt to
/// the folds in turn (the class's first sample to a seeded fold), so every fold gets its share of each class.
func stratifiedFolds(_ labels: [Int?], classCount: Int, folds: Int, seed: UInt64) -> [[Int]] {
    var random = RandomSource(seed: seed)
    var result = [[Int]](repeating: [], count: folds)
    var next = 0
    for c in 0..<classCount {
        let members = labels.indices.filter { labels[$0] == c }
        for position in random.permutation(members.count) {
            result[next % folds].append(members[position])
            next += 1
        }
    }
    return result.map { $0.sorted() }
}

/// The mean of `classifiers`' class probabilities for `latents` [M, D].
private func meanProbabilities(_ classifiers: [MLPClassifier], _ latents: Tensor) -> Tensor {
    var sum = classifiers[0].probabilities(latents)
    for classifier in classifiers.dropFirst() {
        let p = classifier.probabilities(latents)
        for i in sum.storage.indices { sum.storage[i] += p.storage[i] }
    }
    let scale = 1 / Float(classifiers.count)
    for i in sum.storage.indices { sum.storage[i] *= scale }
    return sum
}
