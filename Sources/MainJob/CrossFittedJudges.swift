import Dataset
import Foundation
import LatentClassifier
import NumericCore
import Trainer

/// The hidden layers of a cross-fitted judge: wider than the target's GradCtrl layer, so that the judge is another
/// model, not a copy of the one whose gradient the edit follows.
let crossFittedJudgeHidden = [64]

/// The samples of every class a judge must learn from before it judges; with fewer, the attribute is not judged.
public let crossFittedJudgeMinimumPerClass = 8

/// An attribute a cross-fitted judge is trained for: the attribute, the samples its edit classifier never trained on
/// (its split's held-back validation and held-out samples), and whether its classifier has a softmax head (a
/// multiclass one) rather than a sigmoid.
public struct JudgedAttribute: Sendable {
    /// The attribute as the dataset describes it.
    public let attribute: Attribute
    /// The samples its edit classifier never trained on.
    public let heldBack: [Int]
    /// Whether its classifiers are multiclass (softmax head).
    public let multiclass: Bool

    /// An attribute to judge from its parts.
    public init(attribute: Attribute, heldBack: [Int], multiclass: Bool) {
        self.attribute = attribute
        self.heldBack = heldBack
        self.multiclass = multiclass
    }

    /// The attribute as `trained` learnt it: its split's validation samples, its classifier's head.
    public init(_ trained: TrainedAttribute) {
        self.init(attribute: trained.attribute, heldBack: trained.split.validation,
                  multiclass: trained.result.classifier.architecture.head == .softmax)
    }
}

/// Judge classifiers cross-fitted for the run's attributes (`trained`, target first): each attribute's judge learns
/// from the samples its edit classifier never trained on (that attribute's held-back validation and held-out
/// samples), less the latents the choices edit (`editedRows`), with the attribute's scores as soft targets where the
/// dataset has them (else labels), another width
/// (`crossFittedJudgeHidden`) and its own seed. Each judge's accuracy on the edited latents' starting points (which
/// no judge saw) is logged beside the majority-class rate. A protected attribute with too few samples per class is
/// not judged (logged); nil when the target cannot be.
func crossFittedJudgeLabels(trained: [TrainedAttribute], dataset: LabelledDataset, editedRows: [Int], seed: UInt64,
                            log: (String) -> Void) throws -> JudgeLabels? {
    try crossFittedJudgeLabels(judged: trained.map(JudgedAttribute.init), dataset: dataset, editedRows: editedRows,
                               seed: seed, log: log)
}

/// `crossFittedJudgeLabels(trained:…)` for attributes described by their held-back samples and heads (`judged`,
/// target first), as `Evaluate` does for bundles trained elsewhere: the same judges from the same samples.
public func crossFittedJudgeLabels(judged: [JudgedAttribute], dataset: LabelledDataset, editedRows: [Int], seed: UInt64,
                                   log: (String) -> Void) throws -> JudgeLabels? {
    let edited = Set(editedRows)
    var judges = [(name: String, classifier: MLPClassifier)]()
    for attribute in judged {
        let name = attribute.attribute.name
        let column = dataset.labels[try dataset.attributeIndex(name)]
        let samples = attribute.heldBack.filter { !edited.contains($0) && column[$0] != nil }
        let classCount = attribute.attribute.classes.count
        let perClass = (0..<classCount).map { c in samples.filter { column[$0] == c }.count }
        guard perClass.allSatisfy({ $0 >= crossFittedJudgeMinimumPerClass }) else {
            log("judge of '\(name)': not trained (\(perClass.map(String.init).joined(separator: "/")) held-back samples per class; \(crossFittedJudgeMinimumPerClass) of each are needed)")
            if judges.isEmpty { return nil }
            continue
        }
        // Every fifth sample stops the judge's training early; the rest train it.
        let validation = samples.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let train = samples.enumerated().filter { $0.offset % 5 != 0 }.map(\.element)
        let labels = column.map { $0 ?? 0 }
        let architecture = try classifierArchitecture(for: attribute.attribute, dimension: dataset.latents.shape[1],
                                                      multiclass: attribute.multiclass ? classCount : nil,
                                                      hidden: crossFittedJudgeHidden)
        let configuration = TrainingConfiguration(seed: seed ^ 0x4A55_4447_4500_0000).fitted(toTrainingCount: train.count)
        let result = try trainClassifier(latents: dataset.latents, labels: labels, trainIndices: train,
                                         validationIndices: validation, architecture: architecture,
                                         configuration: configuration, classNames: attribute.attribute.classes,
                                         softTargets: softTargets(of: attribute.attribute, in: dataset, trainIndices: train))
        let truth = editedRows.compactMap { column[$0] }
        let predicted = result.classifier.predict(dataset.latents.gathering(rows: editedRows.filter { column[$0] != nil }))
        let accuracy = Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(max(truth.count, 1))
        let majority = Double(Dictionary(grouping: truth, by: { $0 }).values.map(\.count).max() ?? 0) / Double(max(truth.count, 1))
        log(String(format: "judge of '%@' (%@, %d samples its edit classifier never trained on): accuracy %.3f on the %d edited latents' starts (majority class %.3f)",
                   name, architecture.summary, samples.count, accuracy, truth.count, majority))
        judges.append((name, result.classifier))
    }
    let target = judged[0].attribute
    return JudgeLabels(name: "judge classifiers cross-fitted on samples the edit's classifiers never trained on",
                       attribute: target.name, classNames: target.classes, others: judges.dropFirst().map(\.name),
                       label: { latents in
                           Dictionary(uniqueKeysWithValues: judges.map { ($0.name, $0.classifier.predict(latents)) })
                       })
}
