import Foundation
import Generator
import NumericCore
import TensorFormats

/// The settings of a TCA run on one block of a generator.
public struct TCAOptions: Sendable, Equatable {
    /// The block (1-based) whose activations, before its ReLU, are decomposed.
    public var block = 1
    /// Latents whose activations the bases are computed from.
    public var sampleCount = 2000
    /// The ranks kept per mode (channel, height, width); nil keeps them all (one pass, no sweeps).
    public var ranks: [Int]? = nil
    /// Alternating sweeps after the first pass when a rank is reduced.
    public var sweeps = 9
    /// The regression's Tucker rank on the channel mode (the spatial and latent modes keep full rank).
    public var regressionChannelRank = 64
    /// How the regression is trained. The defaults were chosen by measurement on block 1 (see
    /// docs/tca.md): TCA's own (learning rate 1e-4 constant, λ 1e-3) leave a relative error of 0.50 after
    /// 2,000 iterations there; these reach 5e-4 of the exact least-squares map in 1,500.
    public var training = RegressionTraining(learningRate: 3e-3, batchSize: 16, penaltyWeight: 1e-5, iterations: 1000,
                                             cosineDecay: true)
    /// Components per mode turned into directions (at most the mode's rank).
    public var componentsPerMode = 8
    /// Multilinear products turned into directions: those whose core coordinate varies most, among the first
    /// four components of every mode.
    public var products = 6
    /// The seed of every random stream of the run.
    public var seed: UInt64 = 0

    /// The defaults.
    public init() {}
}

/// The independent random streams of a TCA run, fixed by its seed.
enum TCAStream: UInt64 {
    case sample = 0x7CA0_0000_0000_0001, regressionInit, regressionBatches, heldOut, naming, grid
    func random(seed: UInt64) -> RandomSource { RandomSource(seed: seed ^ rawValue) }
}

/// What a TCA run found.
public struct TCAResult: Sendable {
    /// The options it ran with.
    public let options: TCAOptions
    /// The activation shape `[C, H, W]`.
    public let dimensions: [Int]
    /// The bases.
    public let pca: MultilinearPCA
    /// The regression from the block's activations (before its ReLU) to the latent.
    public let regression: TuckerRegression
    /// The training loss of every iteration.
    public let losses: [Double]
    /// ‖f(a) − z‖ / ‖z‖ over fresh held-out latents.
    public let heldOutRelativeError: Double
    /// The directions, mode by mode (channel, height, width), then the products.
    public let directions: [DiscoveredDirection]
    /// The edit of each direction, in the same order.
    public let kinds: [TCAEditKind]
}

/// Runs TCA on `generator`: samples `options.sampleCount` latents, decomposes their block activations (before
/// the ReLU) by multilinear PCA, trains the Tucker regression back to z on fresh samples, and turns the leading
/// components of each mode and the leading multilinear products into latent directions: Δ → f(Δ)/‖f(Δ)‖, with
/// σ the latent length that moves the activations by one standard deviation of the data along the part of Δ the
/// latent can reach (σ_Δ · ‖f(Δ)‖ / share, σ_Δ the deviation of the data's coordinate along Δ), and that share.
/// `log` hears each stage; `progress` the regression's iterations. Deterministic for a seed.
public func runTCA(generator: any BlockActivationsGenerator, options: TCAOptions, log: (String) -> Void,
                   progress: (Int, Double) -> Void = { _, _ in }) throws -> TCAResult {
    guard (1...generator.blockCount).contains(options.block) else {
        throw GeneratorError.noSuchBlock(options.block, count: generator.blockCount)
    }
    let dims = generator.blockShape(options.block)
    let ranks = options.ranks ?? dims
    var random = TCAStream.sample.random(seed: options.seed)
    let latents = try generator.drawPrior(count: options.sampleCount, random: &random)
    log("block \(options.block) activations (\(dims.map(String.init).joined(separator: "×")), \(generator.activationPoint)) of \(options.sampleCount) latents")
    let activations = try generator.discoveryActivations(latents, block: options.block)
    let data = TensorBatch(shape: activations.shape, values: activations.storage.map(Double.init))
    log("multilinear PCA, ranks \(ranks.map(String.init).joined(separator: ","))\(ranks == dims ? " (full: one pass)" : ", \(options.sweeps) sweeps")")
    let pca = try MultilinearPCA(of: data, ranks: ranks, sweeps: options.sweeps)
    log("the span the latent reaches in the activations (least-squares linear map z → activations)")
    let span = try ReachableSpan(latents: latents, activations: activations)

    let d = generator.latentDimension
    let regressionRanks = [min(options.regressionChannelRank, dims[0]), dims[1], dims[2], d]
    log("tensor regression back to z: Tucker ranks \(regressionRanks.map(String.init).joined(separator: ",")), \(options.training.iterations) Adam iterations of \(options.training.batchSize) fresh latents")
    var initRandom = TCAStream.regressionInit.random(seed: options.seed)
    var regression = TuckerRegression(dimensions: dims + [d], ranks: regressionRanks, random: &initRandom)
    var batchRandom = TCAStream.regressionBatches.random(seed: options.seed)
    let losses = try train(&regression, settings: options.training, batch: { n in
        let z = try generator.drawPrior(count: n, random: &batchRandom)
        return (try generator.discoveryActivations(z, block: options.block), z)
    }, progress: { iteration, loss, _ in progress(iteration, loss) })
    var heldOutRandom = TCAStream.heldOut.random(seed: options.seed)
    let heldOut = try generator.drawPrior(count: 256, random: &heldOutRandom)
    let predicted = regression(try generator.discoveryActivations(heldOut, block: options.block))
    let heldOutError = relativeError(predicted.storage, heldOut.storage)
    log(String(format: "regression: held-out relative error %.4f, final loss %.5f", heldOutError, losses.last ?? .nan))

    var kinds = [TCAEditKind]()
    for mode in 0..<3 {
        for component in 0..<min(options.componentsPerMode, ranks[mode]) { kinds.append(.modewise(mode: mode, component: component)) }
    }
    if options.products > 0 {
        kinds += leadingProducts(pca.coordinates(data), count: options.products, limit: 4)
    }
    var directions = [DiscoveredDirection]()
    for kind in kinds {
        let delta = kind.tensor(pca)
        let sigma = coordinateDeviation(data, along: delta)
        let v = regression(Tensor(shape: [1] + dims, storage: delta.map(Float.init))).storage
        let gain = v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        let reachable = span.share(of: delta)
        var details = ["activation_sigma": sigma, "latent_gain": gain, "reachable_share": reachable]
        var summary = kind.description
        switch kind {
        case .modewise(let mode, let component):
            details["mode"] = Double(mode)
            details["component"] = Double(component + 1)
            details["eigenvalue"] = pca.eigenvalues[mode][component]
            summary += String(format: " (eigenvalue %.4g)", pca.eigenvalues[mode][component])
        case .multilinear(let c, let h, let w):
            details["channel"] = Double(c + 1)
            details["height"] = Double(h + 1)
            details["width"] = Double(w + 1)
        }
        summary += String(format: "; reachable share %.3f", reachable)
        // One σ moves the activations by one standard deviation of the data along the reachable part PΔ of Δ:
        // the data's coordinate along PΔ/‖PΔ‖ has deviation σ/‖PΔ‖, and f(Δ) moves them by about PΔ.
        directions.append(DiscoveredDirection(id: kind.id, sigma: sigma * gain / max(reachable, 1e-6), path: .linear(v.map { Float(Double($0) / gain) }),
                                              summary: summary, details: details))
    }
    return TCAResult(options: options, dimensions: dims, pca: pca, regression: regression, losses: losses,
                     heldOutRelativeError: heldOutError, directions: directions, kinds: kinds)
}

/// ‖a − b‖ / ‖b‖.
func relativeError(_ a: [Float], _ b: [Float]) -> Double {
    let difference = zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
    let size = b.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (difference / size).squareRoot()
}

extension TCAResult {
    /// The directions file of this run for `generator`: the directions, the settings, and TCA's own tensors
    /// (the mean, the bases with their eigenvalues, and the regression's core and factors).
    public func directionsFile(generator: any BlockActivationsGenerator, directions: [DiscoveredDirection]? = nil) -> DirectionsFile {
        let o = options
        let settings = [
            "block": String(o.block), "activations": generator.activationPoint,
            "dimensions": dimensions.map(String.init).joined(separator: ","),
            "sample_count": String(o.sampleCount), "ranks": pca.ranks.map(String.init).joined(separator: ","),
            "sweeps": String(pca.sweeps), "regression_ranks": regression.ranks.map(String.init).joined(separator: ","),
            "learning_rate": String(o.training.learningRate), "batch_size": String(o.training.batchSize),
            "penalty_weight": String(o.training.penaltyWeight), "iterations": String(o.training.iterations),
            "cosine_decay": String(o.training.cosineDecay), "seed": String(o.seed),
            "held_out_relative_error": String(format: "%.6f", heldOutRelativeError),
        ]
        var tensors = [String: (array: NumericArray, description: String)]()
        tensors["tca.mean"] = (NumericArray(shape: dimensions, data: .float64(pca.mean)), "the mean activation tensor [C, H, W] subtracted before the scatters")
        for mode in 0..<3 {
            let name = TCAEditKind.modeNames[mode]
            tensors["tca.basis.\(name)"] = (NumericArray(shape: [pca.ranks[mode], dimensions[mode]], data: .float64(pca.bases[mode])),
                                            "the \(name) basis [rank, size]: row k is component k+1, orthonormal rows")
            tensors["tca.eigenvalues.\(name)"] = (NumericArray(shape: [pca.ranks[mode]], data: .float64(pca.eigenvalues[mode])),
                                                  "the \(name) scatter's eigenvalues of the kept components, largest first")
        }
        let q = regression.ranks
        tensors["tca.regression.core"] = (NumericArray(regression.parameters[0].reshaped(q)),
                                          "the regression's Tucker core [q1, q2, q3, q4]")
        for (index, name) in ["channel", "height", "width", "latent"].enumerated() {
            tensors["tca.regression.factor.\(name)"] = (NumericArray(regression.parameters[index + 1]),
                                                        "the regression's \(name) factor [size, rank]")
        }
        return DirectionsFile(generator: GeneratorIdentity(generator), method: "tca", settings: settings,
                              directions: directions ?? self.directions, methodTensors: tensors)
    }
}
