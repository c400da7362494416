import Dataset
import Editing
import Foundation
import ImageIO
import NumericCore
import Trainer

/// The bundle's method and its exceptions by class index. With the judge's pick per class (`judgedMethods`): the
/// method most classes got (a tie goes to `ruleMethod` when it is among the tied, else to the first in class order),
/// and every class that got another; logged. Without: `ruleMethod` for every class.
func methodsByClass(_ judgedMethods: [Int: EditMethod]?, ruleMethod: EditMethod, classNames: [String],
                            log: (String) -> Void) -> (EditMethod, [Int: EditMethod]) {
    guard let judgedMethods, !judgedMethods.isEmpty else { return (ruleMethod, [:]) }
    let ordered = judgedMethods.keys.sorted()
    func votes(_ method: EditMethod) -> Int { judgedMethods.values.filter { $0 == method }.count }
    let most = ordered.map { votes(judgedMethods[$0]!) }.max()!
    let base = votes(ruleMethod) == most ? ruleMethod : judgedMethods[ordered.first { votes(judgedMethods[$0]!) == most }!]!
    let exceptions = judgedMethods.filter { $0.value != base }
    log("edit method by class (the image labellers' figures toward each class): "
        + ordered.map { "\(classNames[$0]) \(judgedMethods[$0]!.summary)" }.joined(separator: "; ")
        + (exceptions.isEmpty ? "" : "; the bundle's method is \(base.summary), with the others as exceptions"))
    return (base, exceptions)
}

/// The judge of the run's edits: the built-in image labellers where they label the target's images here, else judge
/// classifiers cross-fitted on the samples the edit's classifiers never trained on (`crossFittedJudgeLabels`), else
/// nil (logged by the caller).
func editJudgeLabels(_ options: TrainAndExportOptions, trained: [TrainedAttribute], prepared: PreparedDataset,
                             editedRows: [Int], log: (String) -> Void) throws -> JudgeLabels? {
    if let images = imageLabellerLabels(attribute: options.attribute, generator: prepared.generator) { return images }
    log("judges: no image labeller labels '\(options.attribute)' here, so judge classifiers are cross-fitted")
    return try crossFittedJudgeLabels(trained: trained, dataset: prepared.dataset, editedRows: editedRows,
                                      seed: options.seed, log: log)
}

/// How the edit protects the other attributes: the budgets given, plain when nothing is protected, or the
/// masks `chooseMasks` picks on the held-out latents (then with its trade-off chart, written to
/// `reportFolder`, whose path is returned).
func chooseEditMethod(_ options: TrainAndExportOptions, target: TrainedAttribute, protected: [TrainedAttribute],
                              protectedNames: [String], heldOut: Tensor, startLabels: [String: [Int]]?,
                              judgeLabels: JudgeLabels?,
                              editSettings: EditSettings, reportFolder: String,
                              log: (String) -> Void) throws -> (EditMethod, MaskChoice?, chart: String?) {
    if let budgets = options.topChannels {
        log("masks: given on the command line")
        return (.masked(budgets: try channelBudgets(budgets, for: protectedNames)), nil, nil)
    }
    if protected.isEmpty { return (.plain, nil, nil) }
    var judge: (([DirectionEdits]) throws -> JudgedEdits)?
    if let startLabels, let judgeLabels { judge = labelsJudge(start: startLabels, labels: judgeLabels) }
    log("choosing masks on \(heldOut.shape[0]) held-out latents by the edit's own classifiers"
        + (judgeLabels.map { "; \($0.name), which no edit uses, judge every fourth beside them" }
           ?? " (no judge here: neither an image labeller nor enough held-back labels to cross-fit one)"))
    let choice = try chooseMasks(heldOut, attribute: options.attribute, classifier: target.result.classifier,
                                 protected: protected.map { ProtectedAttribute(name: $0.attribute.name, classifier: $0.result.classifier) },
                                 settings: .standard(dimension: heldOut.shape[1], edit: editSettings), judge: judge)
    let chart = (reportFolder as NSString).appendingPathComponent("\(options.attribute).tradeoff.png")
    try writePNG(tradeOffChart(choice, attribute: options.attribute), to: chart)
    return (choice.method, choice, chart)
}
