import LatentClassifier
import NumericCore

/// The channel importance of one class probability p_c over a latent sample.
public struct OutputSaliency: Sendable, Equatable {
    /// The class c.
    public let classIndex: Int
    /// For each channel i, the mean over the sample of |∂p_c/∂z_i|.
    public let meanAbsolute: [Float]
    /// For each channel i, the mean over the sample of ∂p_c/∂z_i (positive: raising z_i raises p_c on average).
    public let signedMean: [Float]

    /// The statistics of one output.
    public init(classIndex: Int, meanAbsolute: [Float], signedMean: [Float]) {
        precondition(meanAbsolute.count == signedMean.count, "one value per channel")
        self.classIndex = classIndex
        self.meanAbsolute = meanAbsolute
        self.signedMean = signedMean
    }

    /// The channels, most important (largest `meanAbsolute`) first.
    public var ranking: [Int] { topChannels(meanAbsolute[...], count: meanAbsolute.count) }
}

/// The channel importance of one attribute's classifier over a latent sample: per class probability (for a
/// binary attribute only class 1, since ∂p₀/∂z = −∂p₁/∂z), and for the attribute as a whole.
public struct AttributeSaliency: Sendable, Equatable {
    /// The attribute's name.
    public let attribute: String
    /// The attribute's class names, in class order.
    public let classNames: [String]
    /// The number of latents the means were taken over.
    public let sampleCount: Int
    /// One entry per class probability: class 1 for a sigmoid head, every class for a softmax head.
    public let outputs: [OutputSaliency]
    /// For each channel i, the mean over the sample of ½ Σ_c |∂p_c/∂z_i| (for a binary attribute |∂p₁/∂z_i|):
    /// how fast the class distribution moves with z_i (see `channelSensitivity`).
    public let sensitivity: [Float]

    /// An attribute's saliency from its parts.
    public init(attribute: String, classNames: [String], sampleCount: Int, outputs: [OutputSaliency],
                sensitivity: [Float]) {
        precondition(outputs.allSatisfy { $0.meanAbsolute.count == sensitivity.count }, "one value per channel")
        self.attribute = attribute
        self.classNames = classNames
        self.sampleCount = sampleCount
        self.outputs = outputs
        self.sensitivity = sensitivity
    }

    /// The latent dimension.
    public var dimension: Int { sensitivity.count }

    /// The channels, most important for the attribute as a whole first.
    public var ranking: [Int] { topChannels(sensitivity.count) }

    /// The `count` most important channels for the attribute as a whole.
    public func topChannels(_ count: Int) -> [Int] { NumericCore.topChannels(sensitivity[...], count: count) }
}
