import Dataset
import Diagnostics
import Editing
import Foundation
import Generator
import Labellers
import NumericCore

/// The dataset the options name, or the embedded generator's default one, sampled or reused.
func prepareDataset(_ options: TrainAndExportOptions, log: (String) -> Void) throws -> PreparedDataset {
    if let folder = options.datasetFolder {
        var prepared = try PreparedDataset.load(folder: folder)
        log("dataset: \(folder) (\(prepared.dataset.count) samples)")
        if let generator = options.generator {
            let manifest = prepared.dataset.manifest
            guard generator.identifier == manifest.generator, generator.checkpointSHA256 == manifest.checkpointSHA256,
                  generator.latentDimension == manifest.latentDimension else {
                throw JobError("\(folder): made with \(manifest.generator) (D = \(manifest.latentDimension)), but the generator given is \(generator.identifier) (D = \(generator.latentDimension)), or other weights")
            }
            prepared = PreparedDataset(dataset: prepared.dataset, folder: folder, reused: true,
                                       fingerprint: prepared.fingerprint, generator: generator)
        }
        return prepared
    }
    let prepared = try PreparedDataset.sampleOrReuse(generator: try DCGANGenerator.embedded(),
                                                     count: options.count, seed: options.seed)
    log("dataset: \(prepared.folder) (\(prepared.dataset.count) samples, \(prepared.reused ? "reused" : "sampled"))")
    return prepared
}

/// The labellers path augmentation labels with, or nil (saying why when it was asked for) when it is off, nothing
/// is protected, the dataset's attributes do not all come from built-in labellers, or its generator cannot render.
func augmentationLabellers(_ options: TrainAndExportOptions, prepared: PreparedDataset, protectedCount: Int,
                                   log: (String) -> Void) -> [any ImageLabeller]? {
    guard options.pathAugmentation.latentCount(datasetSamples: prepared.dataset.count) > 0, protectedCount > 0 else { return nil }
    guard prepared.generator.canRender, PlanarImage.labellersRead(prepared.generator.imageShape) else {
        log("path augmentation: off (the dataset's generator cannot render here, or not images the labellers read)")
        return nil
    }
    guard let labellers = prepared.dataset.builtInLabellers else {
        log("path augmentation: off (not every attribute of the dataset comes from a built-in labeller)")
        return nil
    }
    return labellers
}

/// The bundle's edit settings: the standard ones on the embedded DCGAN (where they were measured); in any other
/// latent space the same steps with a step of `defaultStepShareOfNorm` of the dataset's mean latent norm, so that
/// an edit moves as far relative to the space's own scale.
func editDefaults(for prepared: PreparedDataset, log: (String) -> Void) throws -> EditSettings {
    if prepared.generator is DCGANGenerator { return .standard }
    let meanNorm = prepared.dataset.latents.meanRowNorm
    let step = Float(meanNorm) * defaultStepShareOfNorm
    guard step.isFinite, step > 0 else { return .standard }
    log(String(format: "edit step %.4g: %.1f%% of the latents' mean norm %.4g (the embedded generator's %.2g is the same share of its norm of about 10)",
               step, 100 * defaultStepShareOfNorm, meanNorm, defaultStepLength))
    return try EditSettings(steps: defaultStepCount, stepLength: step)
}
