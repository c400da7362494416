import NumericCore
/// How the loss weighs the classes.
public enum ClassWeighting: Codable, Sendable, Equatable {
    /// Every sample counts the same.
    case uniform
    /// Inverse class frequency in the training split, `n / (K · n_k)` (scikit-learn's "balanced").
    case balanced
    /// One weight per class, given explicitly (each positive and finite).
    case explicit([Float])
}

/// Which validation result decides the kept ("best") epoch.
public enum CheckpointCriterion: String, Codable, Sendable, Equatable {
    /// Highest validation accuracy, ties broken by the lower validation loss (GradCtrl keeps the best
    /// validation accuracy, taking the later epoch on ties).
    case validationAccuracy
    /// Lowest validation loss.
    case validationLoss
}

/// The hyper-parameters of training one latent classifier.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// Adam's learning rate.
    public var learningRate: Float
    /// Adam's first-moment decay.
    public var beta1: Float
    /// Adam's second-moment decay.
    public var beta2: Float
    /// Adam's denominator term.
    public var epsilon: Float
    /// Samples per optimisation step (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// The most epochs to run.
    public var epochs: Int
    /// Stop after this many epochs without a better validation result; `nil` runs every epoch.
    public var patience: Int?
    /// How the loss weighs the classes (training and validation loss alike).
    public var classWeighting: ClassWeighting
    /// Whether the inputs are standardised per channel with statistics of the training split (stored in the model).
    public var standardizeInputs: Bool
    /// Fixes the initial weights and the batch order: the same seed gives bit-identical weights.
    public var seed: UInt64
    /// Which validation result decides the kept epoch.
    public var criterion: CheckpointCriterion

    /// A configuration; the defaults are GradCtrl's optimiser (Adam 1e-3, betas 0.9/0.999, batch 32) with at
    /// most 60 epochs, early stopping after 10 epochs without improvement, balanced class weights (what the
    /// Trainer, the evaluation and the curation server train with), and standardised inputs.
    public init(learningRate: Float = Adam.defaultLearningRate, beta1: Float = Adam.defaultBeta1,
                beta2: Float = Adam.defaultBeta2, epsilon: Float = Adam.defaultEpsilon,
                batchSize: Int = 32, epochs: Int = 60, patience: Int? = 10, classWeighting: ClassWeighting = .balanced,
                standardizeInputs: Bool = true, seed: UInt64 = 0, criterion: CheckpointCriterion = .validationAccuracy) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.batchSize = batchSize
        self.epochs = epochs
        self.patience = patience
        self.classWeighting = classWeighting
        self.standardizeInputs = standardizeInputs
        self.seed = seed
        self.criterion = criterion
    }
}
