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
        throw JobError("unknown attribute '\(options.attribute)'; this dataset has: \(builtIn.joined(separator: ", "))")
    }
    let others = builtIn.filter { $0 != options.attribute }
    for name in options.protected ?? [] where !others.contains(name) {
        throw JobError("cannot protect '\(name)': the dataset's other attributes are \(others.joined(separator: ", "))")
    }
}

/// Throws for every problem that can be found without training: an unknown target or protected attribute,
/// a class count that does not fit the multiclass count asked for, a selection rule the labels cannot serve, channel budgets
/// that do not fit the protected attributes or the latent dimension.
func checkPlan(_ options: TrainAndExportOptions, dataset: LabelledDataset) throws {
    let protected = try protectedAttributeNames(options, dataset: dataset)
    for name in [options.attribute] + protected {
        guard let attribute = dataset.manifest.attributes.first(where: { $0.name == name }) else {
            let known = dataset.manifest.attributes.map(\.name).joined(separator: ", ")
            throw JobError("unknown attribute '\(name)'; this dataset has: \(known)")
        }
        let multiclass = name == options.attribute ? options.multiclass : (attribute.classes.count > 2 ? attribute.classes.count : nil)
        _ = try classifierArchitecture(for: attribute, dimension: dataset.latents.shape[1], multiclass: multiclass,
                                       hidden: options.training.hidden ?? options.training.hiddenGrid[0])
        _ = try dataset.trainingSplit(attribute: name, options: options.training.split)
    }
    if let budgets = options.topChannels {
        _ = try channelBudgets(budgets, for: protected)
        if let large = budgets.first(where: { $0 > dataset.latents.shape[1] }) {
            throw ArgumentError(.topChannels, "\(large) is more than the latent dimension \(dataset.latents.shape[1])")
        }
    }
}
