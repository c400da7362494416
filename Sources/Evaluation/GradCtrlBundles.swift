import Dataset
import Export
import Generator
import TensorFormats
import Jobs

/// GradCtrl for `attribute` as the Trainer makes it: `trainAndExport` on the default dataset of `datasetCount`
/// samples and `seed` (protecting every other attribute, masks chosen automatically), written to `folder`,
/// and the bundle read back. `log` gets the Trainer's lines.
public func gradCtrlBundle(_ attribute: Attribute, datasetCount: Int, seed: UInt64, folder: String,
                           generator: DCGANGenerator, log: (String) -> Void) throws -> EditBundle {
    var options = TrainAndExportOptions(attribute: attribute.name,
                                        multiclass: attribute.classes.count > 2 ? attribute.classes.count : nil)
    options.count = datasetCount
    options.seed = seed
    options.outputFolder = folder
    options.training = AttributeTrainingOptions(seed: seed)
    let outcome = try trainAndExport(options, log: log)
    return try EditBundle(file: try readSafeTensors(outcome.bundlePath), expecting: GeneratorIdentity(generator))
}
