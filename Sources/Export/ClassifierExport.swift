import Trainer

/// Writes `trained`'s classifier checkpoint to `path`, with where its data came from (`provenance`: dataset folder,
/// its SHA-256, the generator).
public func exportClassifier(_ trained: TrainedAttribute, to path: String, provenance: [String: String]) throws {
    try ClassifierCheckpoint(training: trained.result, attribute: trained.attribute.name, provenance: provenance)
        .write(to: path)
}
