import Diagnostics

extension ArgumentName {
    /// A number of samples or latents.
    public static let count = ArgumentName(rawValue: "count")
    /// Latents rendered at once.
    public static let batchSize = ArgumentName(rawValue: "batchSize")
    /// Which part of a run to sample, K of N.
    public static let shard = ArgumentName(rawValue: "shard")
    /// The layer of W+ codes a dataset keeps.
    public static let wPlusLayer = ArgumentName(rawValue: "wPlusLayer")
    /// Sample indices.
    public static let indices = ArgumentName(rawValue: "indices")
    /// An attribute's name.
    public static let attribute = ArgumentName(rawValue: "attribute")
    /// An attribute's class names.
    public static let classes = ArgumentName(rawValue: "classes")
    /// Whether imported labels replace an attribute's existing ones.
    public static let replace = ArgumentName(rawValue: "replace")
    /// The share of each class held out for validation.
    public static let validationFraction = ArgumentName(rawValue: "validationFraction")
    /// The rule choosing the training samples.
    public static let selection = ArgumentName(rawValue: "selection")
}
