import Dataset
import Generator
import Labellers
import LatentClassifier
import NumericCore

/// How a simulated person labels: how many samples, in which rounds, over which seeds.
public struct SimulationSettings: Sendable {
    /// Latents the simulated person is asked about (drawn with seed 1000 + seed).
    public var poolSize: Int
    /// Latents the models are judged on, never asked about (drawn with seed 2000 + seed).
    public var heldOutSize: Int
    /// Labels given in all.
    public var budget: Int
    /// Labels given between two trainings; the first round is always in plain order.
    public var round: Int
    /// One run per seed (pool, held-out latents, split and training all follow it).
    public var seeds: [UInt64]
    /// The orders compared.
    public var orders: [SampleOrder]
    /// The page's model settings (the seed is replaced by each run's).
    public var learning: ActiveLearningSettings

    /// Defaults: 2,000 latents to ask about, 2,000 held out, 200 labels in rounds of 20, seeds 0–2,
    /// most-uncertain-first against plain order, the page's model.
    public init(poolSize: Int = 2000, heldOutSize: Int = 2000, budget: Int = 200, round: Int = 20,
                seeds: [UInt64] = [0, 1, 2], orders: [SampleOrder] = [.uncertain, .plain],
                learning: ActiveLearningSettings = ActiveLearningSettings()) {
        self.poolSize = poolSize
        self.heldOutSize = heldOutSize
        self.budget = budget
        self.round = round
        self.seeds = seeds
        self.orders = orders
        self.learning = learning
    }
}

/// Held-out accuracy against the number of labels for one order and seed.
public struct SimulatedCurve: Sendable {
    /// The order the labels were asked in.
    public let order: SampleOrder
    /// The run's seed.
    public let seed: UInt64
    /// (labels given, held-out accuracy of the model trained on them; NaN while no model could be trained).
    public let points: [(labels: Int, accuracy: Double)]

    /// A curve of `order` for `seed`.
    public init(order: SampleOrder, seed: UInt64, points: [(labels: Int, accuracy: Double)]) {
        self.order = order
        self.seed = seed
        self.points = points
    }
}

/// Plays a person who labels with `labeller` (a built-in labeller, standing in for their judgement): for every
/// seed and order, labels `round` samples at a time in that order, retrains the page's model after each round,
/// and measures its accuracy on held-out latents labelled by the same labeller. The disagreements order is not
/// a way to choose new samples, so it is not simulated. `progress` receives a line per finished curve.
public func simulateCuration(generator: any LatentGenerator, labeller: any ImageLabeller, settings: SimulationSettings,
                             progress: (String) -> Void = { _ in }) throws -> [SimulatedCurve] {
    precondition(settings.round > 0 && settings.budget >= settings.round, "rounds must be positive and fit the budget")
    precondition(!settings.orders.contains(.disagreements), "disagreements cannot choose new samples")
    var curves = [SimulatedCurve]()
    for seed in settings.seeds {
        let pool = try DatasetSampler(generator: generator, labellers: [labeller], count: settings.poolSize,
                                      seed: 1000 + seed).run()
        let heldOut = try DatasetSampler(generator: generator, labellers: [labeller], count: settings.heldOutSize,
                                         seed: 2000 + seed).run()
        let truth = pool.labels[0].map { $0! }
        let heldOutTruth = heldOut.labels[0].map { $0! }
        let asked = Attribute(name: "\(labeller.name)-asked", kind: labeller.kind, classes: labeller.classes,
                              origin: .manual(file: "simulated"))
        var learning = settings.learning
        learning.seed = seed
        for order in settings.orders {
            var labels = [Int?](repeating: nil, count: pool.count)
            for index in 0..<min(settings.round, pool.count) { labels[index] = truth[index] }
            var points = [(labels: Int, accuracy: Double)]()
            while true {
                let given = labels.compactMap { $0 }.count
                let model = try trainCurationModel(try pool.setting(asked, labels: labels), attribute: asked.name,
                                                   settings: learning)
                let accuracy = model.map { model in
                    let predicted = predictedClasses(model.probabilities(heldOut.latents))
                    return Double(zip(predicted, heldOutTruth).filter { $0 == $1 }.count) / Double(heldOutTruth.count)
                } ?? .nan
                points.append((given, accuracy))
                guard given < settings.budget, given < pool.count else { break }
                let ranked = orderedSamples(order, labels: labels, probabilities: model?.probabilities)
                    ?? orderedSamples(.plain, labels: labels, probabilities: nil)!
                for index in ranked.filter({ labels[$0] == nil }).prefix(min(settings.round, settings.budget - given)) {
                    labels[index] = truth[index]
                }
            }
            curves.append(SimulatedCurve(order: order, seed: seed, points: points))
            let last = points.last!
            if let first = points.first(where: { $0.accuracy.isFinite }) {
                progress("seed \(seed), \(order.title): \(last.labels) labels, held-out accuracy \(String(format: "%.3f", last.accuracy)) (first model at \(first.labels) labels)")
            } else {
                progress("seed \(seed), \(order.title): no model within \(last.labels) labels (some class had fewer than \(learning.minimumPerClass) labels)")
            }
        }
    }
    return curves
}
