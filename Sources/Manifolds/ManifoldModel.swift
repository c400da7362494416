import Generator
import Kernels
import NumericCore

/// What a run trains: T, R and, for the center loss, the running centres `[K, E]`.
public struct ManifoldModel: Sendable {
    /// T.
    public var transform: any LatentTransform
    /// R.
    public var reconstructor: Reconstructor
    /// The center loss's centres, nil for the other losses.
    public var centres: Tensor?

    /// A model from its parts.
    public init(transform: any LatentTransform, reconstructor: Reconstructor, centres: Tensor?) {
        self.transform = transform
        self.reconstructor = reconstructor
        self.centres = centres
    }

    /// A fresh model for `configuration` on a generator with latent dimension `latentDimension` and images
    /// `imageShape`, initialised from the configuration's seed.
    public init(configuration c: ManifoldConfiguration, latentDimension: Int, imageShape: [Int]) {
        var random = RandomSource(seed: c.seed)
        switch c.transform {
        case .linear:
            transform = LinearTransform(directions: c.directions, latentDimension: latentDimension, random: &random)
        case .mlp:
            transform = MLPTransform(directions: c.directions, hidden: c.hidden, latentDimension: latentDimension,
                                     random: &random)
        }
        reconstructor = Reconstructor(imageShape: imageShape, directions: c.directions, width: c.width,
                                      embedding: c.embedding, random: &random)
        centres = c.centroidLoss == .center ? Tensor(shape: [c.directions, c.embedding]) : nil
    }
}

/// The losses of one batch.
public struct PairLosses: Sendable, Equatable {
    /// The weighted total that is minimised.
    public var total: Float
    /// Cross-entropy of the direction.
    public var classification: Float
    /// Mean |ε̂ - ε| (unweighted).
    public var shift: Float
    /// The centroid loss (unweighted; 0 when off).
    public var centroid: Float
    /// Share of pairs whose direction R names correctly.
    public var accuracy: Float
}

/// The losses of a batch and, when asked for, the gradients with respect to T's and R's parameters.
public struct LossEvaluation: Sendable {
    /// The losses.
    public let losses: PairLosses
    /// ∂total/∂T's parameters (empty when not asked for).
    public let transformGradients: [Tensor]
    /// ∂total/∂R's parameters (empty when not asked for).
    public let reconstructorGradients: [Tensor]
    /// R's embeddings `[B, E]` (for the center loss's centre update).
    public let embeddings: Tensor
}

/// Renders the pairs of `batch` through `generator` with `model`'s T and stacks them for R.
func renderPairs(_ batch: PairBatch, model: ManifoldModel, generator: any LatentGenerator) throws -> (pairs: Tensor, shifted: Tensor) {
    let shift = model.transform.shifts(directions: batch.directions, magnitudes: batch.magnitudes)
    var shifted = batch.latents
    for i in shifted.storage.indices { shifted.storage[i] += shift.storage[i] }
    let images = try generator.render(Tensor(concatenatingRows: [batch.latents, shifted]))
    let b = batch.count
    return (stackPairs(images.rows(0..<b), images.rows(b..<(2 * b))), shifted)
}

/// The training loss of `batch` for `model`: cross-entropy on the direction, `shiftWeight`·mean|ε̂ - ε| and
/// `centroidWeight`·the centroid loss; with `gradients`, also back through R, the frozen generator (its
/// backward pass to z, in one slice of the batch per core) and T.
public func evaluateLoss(_ batch: PairBatch, model: ManifoldModel, generator: any LatentGenerator,
                         configuration c: ManifoldConfiguration, gradients: Bool) throws -> LossEvaluation {
    let (pairs, shifted) = try renderPairs(batch, model: model, generator: generator)
    let r = model.reconstructor
    let trace = r.forward(pairs)
    let b = batch.count
    let ce = softmaxCrossEntropy(trace.logits, labels: batch.directions)
    var shiftLoss: Float = 0
    var dShift = [Float](repeating: 0, count: b)
    for i in 0..<b {
        let d = trace.shifts.storage[i] - batch.magnitudes[i]
        shiftLoss += abs(d) / Float(b)
        dShift[i] = c.shiftWeight * (d > 0 ? 1 : (d < 0 ? -1 : 0)) / Float(b)
    }
    var centroid: LossResult? = nil
    switch c.centroidLoss {
    case .none: break
    case .ge2e: centroid = generalizedEndToEndLoss(trace.embedding, labels: batch.directions)
    case .center: centroid = centerLoss(trace.embedding, labels: batch.directions, centres: model.centres!)
    }
    let k = c.directions
    var correct = 0
    for i in 0..<b {
        let row = trace.logits.storage[(i * k)..<((i + 1) * k)]
        if row.indices.max(by: { row[$0] < row[$1] })! - i * k == batch.directions[i] { correct += 1 }
    }
    let losses = PairLosses(total: ce.value + c.shiftWeight * shiftLoss + c.centroidWeight * (centroid?.value ?? 0),
                            classification: ce.value, shift: shiftLoss, centroid: centroid?.value ?? 0,
                            accuracy: Float(correct) / Float(b))
    guard gradients else {
        return LossEvaluation(losses: losses, transformGradients: [], reconstructorGradients: [], embeddings: trace.embedding)
    }
    let embeddingGradient = centroid.map { result in
        Tensor(shape: result.gradient.shape, storage: result.gradient.storage.map { $0 * c.centroidWeight })
    }
    let back = r.backward(trace, logitGradient: ce.gradient, shiftGradient: Tensor(shape: [b, 1], storage: dShift),
                          embeddingGradient: embeddingGradient)
    let imageGradient = secondOfPairs(back.input)
    let latentGradient = try latentGradientInParallel(generator, shifted, imageGradient: imageGradient)
    let transformGradients = model.transform.parameterGradients(directions: batch.directions, magnitudes: batch.magnitudes,
                                                                shiftGradient: latentGradient)
    return LossEvaluation(losses: losses, transformGradients: transformGradients,
                          reconstructorGradients: back.parameters, embeddings: trace.embedding)
}

/// ∂L/∂latents for a fixed ∂L/∂images, with the batch cut into slices of four latents run side by side, each
/// slice's forward and backward pass through the generator run whole on one core.
func latentGradientInParallel(_ generator: any LatentGenerator, _ latents: Tensor, imageGradient: Tensor) throws -> Tensor {
    let count = latents.shape[0]
    let ranges = rowSlices(count: count, rows: 4)
    let slices = try inParallel(parts: ranges.count) { part in
        try generator.latentGradient(latents.rows(ranges[part])) { _ in imageGradient.rows(ranges[part]) }
    }
    return Tensor(concatenatingRows: slices)
}
