import LatentClassifier
import NumericCore

/// Throws a `TrainingInputError` for the first problem of the training inputs, checked in the order of
/// configuration, shapes, splits, labels and latent values; only the rows of the two splits are inspected.
func validateTrainingInputs(latents: Tensor, labels: [Int], trainIndices: [Int], validationIndices: [Int],
                            architecture: ClassifierArchitecture, configuration: TrainingConfiguration,
                            classNames: [String]) throws {
    try validateConfiguration(configuration, classCount: architecture.classCount)
    guard latents.rank == 2 else { throw TrainingInputError.latentsNotMatrix(shape: latents.shape) }
    let (rows, dimension) = (latents.shape[0], latents.shape[1])
    guard dimension == architecture.inputDimension else {
        throw TrainingInputError.dimensionMismatch(latents: dimension, architecture: architecture.inputDimension)
    }
    guard labels.count == rows else { throw TrainingInputError.labelCountMismatch(labels: labels.count, rows: rows) }
    guard classNames.count == architecture.classCount else {
        throw TrainingInputError.classNameCountMismatch(names: classNames.count, classes: architecture.classCount)
    }
    for (split, indices) in [("training", trainIndices), ("validation", validationIndices)] {
        if let bad = indices.first(where: { $0 < 0 || $0 >= rows }) {
            throw TrainingInputError.indexOutOfRange(split: split, index: bad, rows: rows)
        }
    }
    let trainSet = Set(trainIndices)
    if let shared = validationIndices.filter(trainSet.contains).min() {
        throw TrainingInputError.overlappingSplits(row: shared)
    }
    guard !validationIndices.isEmpty else { throw TrainingInputError.emptyValidation }
    guard trainIndices.count >= configuration.batchSize else {
        throw TrainingInputError.tooFewTrainingSamples(count: trainIndices.count, batchSize: configuration.batchSize)
    }
    let used = (trainSet.union(validationIndices)).sorted()
    if let bad = used.first(where: { labels[$0] < 0 || labels[$0] >= architecture.classCount }) {
        throw TrainingInputError.labelOutOfRange(row: bad, label: labels[bad], classCount: architecture.classCount)
    }
    if let bad = used.first(where: { row in
        (row * dimension..<(row + 1) * dimension).contains { !latents.storage[$0].isFinite }
    }) {
        throw TrainingInputError.nonFiniteLatent(row: bad)
    }
    let firstLabel = labels[trainIndices[0]]
    if trainIndices.allSatisfy({ labels[$0] == firstLabel }) {
        throw TrainingInputError.singleClass(name: classNames[firstLabel])
    }
}

/// Throws for hyper-parameters that cannot train.
private func validateConfiguration(_ configuration: TrainingConfiguration, classCount: Int) throws {
    func require(_ condition: Bool, _ problem: String) throws {
        if !condition { throw TrainingInputError.invalidConfiguration(problem) }
    }
    try require(configuration.batchSize > 0, "batch size \(configuration.batchSize) must be positive")
    try require(configuration.epochs > 0, "epochs \(configuration.epochs) must be positive")
    try require(configuration.learningRate > 0 && configuration.learningRate.isFinite,
                "learning rate \(configuration.learningRate) must be positive")
    try require((0..<1).contains(configuration.beta1) && (0..<1).contains(configuration.beta2),
                "betas \(configuration.beta1), \(configuration.beta2) must lie in [0, 1)")
    try require(configuration.epsilon > 0, "epsilon \(configuration.epsilon) must be positive")
    try require((configuration.patience ?? 1) > 0, "patience \(configuration.patience ?? 0) must be positive")
    if case .explicit(let weights) = configuration.classWeighting {
        try require(weights.count == classCount, "\(weights.count) class weights for \(classCount) classes")
        try require(weights.allSatisfy { $0 > 0 && $0.isFinite }, "class weights \(weights) must be positive")
    }
}
