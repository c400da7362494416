import Generator

/// The form of T, the map from a scaled one-hot vector ε·e_k to a latent shift.
public enum TransformKind: String, Sendable, Codable, CaseIterable {
    /// A D×K matrix with unit columns: straight directions, T(ε e_k) = ε·a_k/|a_k|.
    case linear
    /// A one-hidden-layer tanh MLP with T(0) = 0, its output rescaled to length |ε|: curved paths.
    case mlp
}

/// The loss that pulls the reconstructor's embeddings of pairs made by the same direction together.
public enum CentroidLossKind: String, Sendable, Codable, CaseIterable {
    /// No centroid loss: Voynov & Babenko's method.
    case none
    /// GE2E-style: a softmax over scaled cosine similarities of each embedding to the batch's per-direction
    /// centroids (Wan et al., 2018).
    case ge2e
    /// Center loss: squared distance of each embedding to a running centre of its direction (Wen et al., 2016).
    case center
}

/// Everything that defines a training run of the learned-manifold discovery (reconstructed from Lu et al.,
/// 2020, and Voynov & Babenko, 2020: no code or paper body of Lu et al. was available). Two runs with equal
/// configurations and generators produce the same bytes.
public struct ManifoldConfiguration: Sendable, Codable, Equatable {
    /// K, the number of directions.
    public var directions: Int
    /// Linear or MLP.
    public var transform: TransformKind
    /// Hidden width of the MLP transform.
    public var hidden: Int
    /// Which centroid loss, if any.
    public var centroidLoss: CentroidLossKind
    /// Its weight in the total loss.
    public var centroidWeight: Float
    /// Weight of |ε̂ - ε| in the total loss.
    public var shiftWeight: Float
    /// Training steps.
    public var steps: Int
    /// Pairs per step.
    public var batch: Int
    /// Seed of every random choice.
    public var seed: UInt64
    /// Adam's learning rate for T.
    public var transformLearningRate: Float
    /// Adam's learning rate for R.
    public var reconstructorLearningRate: Float
    /// ε is drawn uniformly from [-shiftScale, shiftScale] ...
    public var shiftScale: Float
    /// ... with |ε| raised to at least minShift.
    public var minShift: Float
    /// Channels of the reconstructor's first convolution (doubling up to 4× this).
    public var width: Int
    /// Size of the reconstructor's embedding.
    public var embedding: Int

    /// The defaults of `Discover manifolds`; one source for them.
    public static let standard = ManifoldConfiguration(
        directions: 8, transform: .linear, hidden: 32, centroidLoss: .ge2e, centroidWeight: 0.5, shiftWeight: 0.25,
        steps: 600, batch: 16, seed: 0, transformLearningRate: 1e-3, reconstructorLearningRate: 1e-3,
        shiftScale: 6, minShift: 0.5, width: 32, embedding: 128)

    /// A configuration with every field given.
    public init(directions: Int, transform: TransformKind, hidden: Int, centroidLoss: CentroidLossKind,
                centroidWeight: Float, shiftWeight: Float, steps: Int, batch: Int, seed: UInt64,
                transformLearningRate: Float, reconstructorLearningRate: Float, shiftScale: Float, minShift: Float,
                width: Int, embedding: Int) {
        self.directions = directions
        self.transform = transform
        self.hidden = hidden
        self.centroidLoss = centroidLoss
        self.centroidWeight = centroidWeight
        self.shiftWeight = shiftWeight
        self.steps = steps
        self.batch = batch
        self.seed = seed
        self.transformLearningRate = transformLearningRate
        self.reconstructorLearningRate = reconstructorLearningRate
        self.shiftScale = shiftScale
        self.minShift = minShift
        self.width = width
        self.embedding = embedding
    }

    /// The first problem with the values, if any, phrased for a person ("directions must be at least 2").
    public var problem: String? {
        if directions < 2 { return "directions must be at least 2, got \(directions)" }
        if directions > 1024 { return "directions must be at most 1024, got \(directions)" }
        if hidden < 1 || hidden > 4096 { return "hidden must be in 1...4096, got \(hidden)" }
        if !(centroidWeight >= 0 && centroidWeight.isFinite) { return "centroid weight must be finite and ≥ 0, got \(centroidWeight)" }
        if !(shiftWeight >= 0 && shiftWeight.isFinite) { return "shift weight must be finite and ≥ 0, got \(shiftWeight)" }
        if steps < 0 { return "steps must be ≥ 0, got \(steps)" }
        if batch < 2 || batch > 4096 { return "batch must be in 2...4096, got \(batch)" }
        for (name, rate) in [("transform", transformLearningRate), ("reconstructor", reconstructorLearningRate)]
        where !(rate > 0 && rate < 1) {
            return "\(name) learning rate must be in (0, 1), got \(rate)"
        }
        if !(shiftScale > 0 && shiftScale <= 100) { return "shift scale must be in (0, 100], got \(shiftScale)" }
        if !(minShift >= 0 && minShift <= shiftScale) { return "min shift must be in [0, shift scale], got \(minShift)" }
        if width < 1 || width > 512 { return "width must be in 1...512, got \(width)" }
        if embedding < 2 || embedding > 4096 { return "embedding must be in 2...4096, got \(embedding)" }
        return nil
    }

    /// Whether `other` describes the same run apart from its length (what resuming may change).
    public func sameRun(as other: ManifoldConfiguration) -> Bool {
        var a = self, b = other
        a.steps = 0
        b.steps = 0
        return a == b
    }
}

extension ManifoldConfiguration {
    /// This configuration with ε's range (`shiftScale`, `minShift`) scaled from the embedded generator's
    /// `DCGANGenerator.typicalLatentNorm` to a latent
    /// space whose latents have mean norm `meanNorm`, so that shifts keep their size relative to the latents.
    public func scaled(toMeanLatentNorm meanNorm: Double) -> ManifoldConfiguration {
        var scaled = self
        let factor = Float(meanNorm / DCGANGenerator.typicalLatentNorm)
        scaled.shiftScale = shiftScale * factor
        scaled.minShift = minShift * factor
        return scaled
    }
}
