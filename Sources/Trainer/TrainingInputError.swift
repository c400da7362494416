/// A reason the inputs of `trainClassifier` cannot be trained on; the description is one line.
public enum TrainingInputError: Error, Equatable, CustomStringConvertible {
    /// The latents are not a matrix `[N, D]`.
    case latentsNotMatrix(shape: [Int])
    /// The latent dimension differs from the architecture's input dimension.
    case dimensionMismatch(latents: Int, architecture: Int)
    /// The label count differs from the number of latent rows.
    case labelCountMismatch(labels: Int, rows: Int)
    /// The class-name count differs from the architecture's class count.
    case classNameCountMismatch(names: Int, classes: Int)
    /// A split index is outside `0..<rows`.
    case indexOutOfRange(split: String, index: Int, rows: Int)
    /// A row appears in both splits.
    case overlappingSplits(row: Int)
    /// The validation split is empty.
    case emptyValidation
    /// The training split is smaller than one batch.
    case tooFewTrainingSamples(count: Int, batchSize: Int)
    /// A used latent row holds NaN or an infinity.
    case nonFiniteLatent(row: Int)
    /// A used label is outside `0..<classCount`.
    case labelOutOfRange(row: Int, label: Int, classCount: Int)
    /// Every training label is the same class.
    case singleClass(name: String)
    /// A hyper-parameter is unusable.
    case invalidConfiguration(String)
    /// The soft targets do not fit the samples or the architecture.
    case invalidSoftTargets(String)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .latentsNotMatrix(let shape):
            return "latents must be a matrix [N, D], got shape \(shape)"
        case .dimensionMismatch(let latents, let architecture):
            return "latents have dimension \(latents) but the classifier expects \(architecture)"
        case .labelCountMismatch(let labels, let rows):
            return "\(labels) labels for \(rows) latent rows"
        case .classNameCountMismatch(let names, let classes):
            return "\(names) class names for \(classes) classes"
        case .indexOutOfRange(let split, let index, let rows):
            return "\(split) index \(index) is outside 0..<\(rows)"
        case .overlappingSplits(let row):
            return "row \(row) is in both the training and the validation split"
        case .emptyValidation:
            return "the validation split is empty"
        case .tooFewTrainingSamples(let count, let batchSize):
            return "only \(count) training samples, fewer than one batch of \(batchSize)"
        case .nonFiniteLatent(let row):
            return "latent row \(row) holds NaN or an infinite value"
        case .labelOutOfRange(let row, let label, let classCount):
            return "label \(label) of row \(row) is outside 0..<\(classCount)"
        case .singleClass(let name):
            return "every training label is class '\(name)': a classifier needs at least two classes"
        case .invalidConfiguration(let problem):
            return "invalid training configuration: \(problem)"
        case .invalidSoftTargets(let problem):
            return "invalid soft targets: \(problem)"
        }
    }
}
