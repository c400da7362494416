extension TrainingConfiguration {
    /// Adam steps a training on a small set runs at least (see `fitted(toTrainingCount:minimumSteps:)`).
    public static let minimumStepsForSmallSets = 800

    /// This configuration fitted to a training set of `count` samples: batches no larger than the set, and
    /// epochs raised so that training takes at least `minimumSteps` Adam steps, with the patience raised to a
    /// fifth of the epochs. A small hand-labelled set has epochs of a batch or a few, and the default 60 epochs
    /// would leave its model far from trained; a large set (the main job's 14,000 samples make 438 batches an
    /// epoch) is left as it is.
    public func fitted(toTrainingCount count: Int, minimumSteps: Int = minimumStepsForSmallSets) -> TrainingConfiguration {
        guard count > 0 else { return self }
        var fitted = self
        fitted.batchSize = min(batchSize, count)
        let batches = (count + fitted.batchSize - 1) / fitted.batchSize
        fitted.epochs = max(epochs, (minimumSteps + batches - 1) / batches)
        if fitted.epochs != epochs { fitted.patience = patience.map { max($0, fitted.epochs / 5) } }
        return fitted
    }
}
