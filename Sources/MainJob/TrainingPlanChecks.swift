import Dataset
import Editing
import Labellers
import Diagnostics
import FileStorage
import Foundation
import Trainer

/// Throws unless the attribute and protected names can become file names and, when the default dataset is to
/// be sampled, are attributes its built-in labellers produce: checked before any sampling.
func checkNames(_ options: TrainAndExportOptions) throws {
    if let problem = fileNameProblem(options.attribute, what: "attribute name") { throw ArgumentError(.attribute, problem) }
    for name in options.protected ?? [] {
        if let problem = fileNameProblem(name, what: "attribute name") { throw ArgumentError(.protected, problem) }
    }
    guard options.datasetFolder == nil else { return }
    let builtIn = BuiltInLabellers.all.map { $0.attribute(firstScoreColumn: 0).name }
    if !builtIn.contains(options.attribute) {
        throw unknownAttributeError(options.attribute, known: builtIn)
    }
    let others = builtIn.filter { $0 != options.attribute }
    for name in options.protected ?? [] where !others.contains(name) {
        throw cannotProtectError(name, others: others)
    }
}

/// The run's training plan (`TrainingPlan`: the attributes, their heads, the selection rule), with the channel
/// budgets checked against the protected attributes and the latent dimension: every problem that can be found
/// without training.
func checkPlan(_ options: TrainAndExportOptions, dataset: LabelledDataset) throws -> TrainingPlan {
    let plan = try TrainingPlan(target: options.attribute, multiclass: options.multiclass, protected: options.protected,
                                options: options.training, in: dataset)
    if let budgets = options.topChannels {
        _ = try channelBudgets(budgets, for: plan.protectedNames)
        if let large = budgets.first(where: { $0 > dataset.latents.shape[1] }) {
            throw ArgumentError(.topChannels, "\(large) is more than the latent dimension \(dataset.latents.shape[1])")
        }
    }
    return plan
}
