import LatentClassifier
import NumericCore
import Trainer

/// The classifier shapes the training benchmark measures, as `tools/bench_torch_mlp.py` builds them
/// (LeakyReLU 0.1 after the hidden layer, as GradCtrl's classifiers).
public enum BenchmarkClassifier: String, CaseIterable, Sendable {
    /// 100 → 16 → 5 with a softmax head: a multiclass attribute on the DCGAN's z.
    case small = "100-16-5"
    /// 512 → 512 → 1 with a sigmoid head: a wide binary classifier on StyleGAN-sized latents.
    case wide = "512-512-1"

    /// The architecture.
    public var architecture: ClassifierArchitecture {
        switch self {
        case .small: ClassifierArchitecture(inputDimension: 100, hidden: ClassifierArchitecture.gradCtrlHidden, classCount: 5)
        case .wide: ClassifierArchitecture(inputDimension: 512, hidden: [512], classCount: 2)
        }
    }
}

/// Speed figures of one benchmark classifier.
public struct TrainingBenchmarkFigures: Sendable {
    /// The classifier measured.
    public let classifier: BenchmarkClassifier
    /// Samples per optimisation step.
    public let batch: Int
    /// Seconds per Adam step on one batch (gathering the batch, forward, backward, update).
    public let secondsPerStep: Double
    /// Samples for which input gradients were taken in one call.
    public let gradientSamples: Int
    /// Seconds for ∂p_k/∂z of all `gradientSamples` latents (standardisation included).
    public let gradientSeconds: Double
    /// Training samples per second.
    public var samplesPerSecond: Double { Double(batch) / secondsPerStep }
    /// Floating-point operations of the GEMMs in one input-gradient call: every layer's forward product and
    /// its input-gradient product, 2·N·inputs·outputs each.
    public var gradientGemmFlops: Double {
        let widths = [classifier.architecture.inputDimension] + classifier.architecture.layerWidths
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + 4 * Double(gradientSamples) * Double($1.0 * $1.1) }
    }
}

/// Measures training steps and input gradients of `classifier` on random standard normal latents with
/// random labels: Adam steps at `batch` samples on shuffled rows of a pool of 4,096, and ∂p_k/∂z (k = last
/// class) for `gradientSamples` latents. `secondsPerCall` times one call of its argument (repeating it as it
/// sees fit), so the caller decides the measuring discipline.
public func measureTrainingBenchmark(_ classifier: BenchmarkClassifier, batch: Int = 64, gradientSamples: Int = 10_000,
                                     secondsPerCall: (() -> Void) -> Double) -> TrainingBenchmarkFigures {
    let architecture = classifier.architecture
    let dimension = architecture.inputDimension
    var random = RandomSource(seed: 1)
    let pool = Tensor(shape: [4096, dimension], storage: random.normals(4096 * dimension))
    let labels = (0..<4096).map { _ in random.index(below: architecture.classCount) }
    let standardization = InputStandardization(fittedTo: pool)
    let inputs = standardization.apply(pool)
    var optimizer = ClassifierOptimizer(
        classifier: MLPClassifier(architecture: architecture, standardization: standardization, random: &random),
        configuration: TrainingConfiguration(batchSize: batch), classWeights: nil)
    var order = random.permutation(4096)
    var next = 0
    let stepSeconds = secondsPerCall {
        if next + batch > order.count { (order, next) = (random.permutation(4096), 0) }
        let rows = Array(order[next..<(next + batch)])
        next += batch
        optimizer.step(inputs: inputs.gathering(rows: rows), labels: rows.map { labels[$0] })
    }
    let latents = Tensor(shape: [gradientSamples, dimension], storage: random.normals(gradientSamples * dimension))
    let trained = optimizer.classifier
    var checksum: Float = 0
    let gradientSeconds = secondsPerCall {
        checksum += trained.inputGradient(latents, of: .probability(architecture.classCount - 1)).gradient.storage[0]
    }
    precondition(checksum.isFinite, "input gradients are not finite")
    return TrainingBenchmarkFigures(classifier: classifier, batch: batch, secondsPerStep: stepSeconds,
                                    gradientSamples: gradientSamples, gradientSeconds: gradientSeconds)
}
