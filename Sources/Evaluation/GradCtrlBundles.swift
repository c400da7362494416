import Dataset
import Bundles
import Generator
import TensorFormats
import MainJob
import Trainer

/// GradCtrl for `attribute` as the Trainer makes it: `trainAndExport` on `dataset` with `seed` (protecting every
/// other attribute, masks chosen automatically), written to `folder`, and the bundle read back. On the embedded
/// generator's default dataset the dataset is found as the main job finds it; a dataset the user named
/// (`datasetFolderGiven`), or one of another generator, is given by its folder, and a worker serving its generator
/// with it. `log` gets the Trainer's lines.
public func gradCtrlBundle(_ attribute: Attribute, dataset: PreparedDataset, seed: UInt64, folder: String,
                           datasetFolderGiven: Bool = false, log: (String) -> Void) throws -> EditBundle {
    let generator = dataset.generator
    var options = TrainAndExportOptions(attribute: attribute.name,
                                        multiclass: attribute.defaultMulticlass)
    options.count = dataset.dataset.count
    if datasetFolderGiven || !(generator is DCGANGenerator) { options.datasetFolder = dataset.folder }
    if !(generator is DCGANGenerator) && !(generator is ExternalLatentSpace) { options.generator = generator }
    options.seed = seed
    options.outputFolder = folder
    options.training = AttributeTrainingOptions(seed: seed)
    let outcome = try trainAndExport(options, log: log)
    return try EditBundle(file: try readSafeTensors(outcome.bundlePath), expecting: GeneratorIdentity(generator))
}
