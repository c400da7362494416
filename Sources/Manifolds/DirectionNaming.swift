import Discovery
import Labellers
import Generator
import NumericCore

/// What one built-in labeller's score does along a direction.
public struct LabellerEffect: Sendable, Equatable, Codable {
    /// The labeller, e.g. "lightness".
    public let labeller: String
    /// The score that moved most: the labeller's name for a binary one, "<labeller>.<class>" for a class's
    /// confidence of a multiclass one.
    public let score: String
    /// The mean change of that score from -ε_max to +ε_max, in standard deviations of the score over the
    /// unmoved images (positive: the score grows toward +ε).
    public let standardizedChange: Double
    /// The share of latents whose class differs between the two ends.
    public let flipRate: Double

    /// An effect from its parts.
    public init(labeller: String, score: String, standardizedChange: Double, flipRate: Double) {
        self.labeller = labeller
        self.score = score
        self.standardizedChange = standardizedChange
        self.flipRate = flipRate
    }
}

/// One row of the naming table: every labeller's effect, the strongest first, and the name given.
public struct DirectionName: Sendable, Equatable, Codable {
    /// The direction index.
    public let direction: Int
    /// The name in the shared scheme (`directionLabel`), e.g. "lightness.light" (the class the + side moves
    /// toward), or "unclear". Metrics files written before the scheme was shared hold "lightness+";
    /// `currentDirectionLabel` maps them.
    public let name: String

    /// The direction's id in the directions file and for the Editor, "M<k>".
    public var id: String { ManifoldDirectionsFile.id(direction) }
    /// The name given to a direction that moves no attribute clearly.
    public static let unclear = "unclear"
    /// The label stored in the directions file: the name, or nil when unclear.
    public var label: String? { name == Self.unclear ? nil : name }
    /// How grids show the direction: its id, then its label when it has one ("M1 lightness.light", "M0").
    public var caption: String { directionCaption(id: id, label: label) }
    /// Every labeller's effect, strongest first.
    public let effects: [LabellerEffect]

    /// A row from its parts.
    public init(direction: Int, name: String, effects: [LabellerEffect]) {
        self.direction = direction
        self.name = name
        self.effects = effects
    }
}

/// Names each direction of `transform` by what it moves most, re-scoring images of `latents` at -ε_max, 0 and
/// +ε_max with `labellers`. A direction is named after its strongest effect when that effect is at least
/// `minimumChange` standard deviations and at least `dominance` times the next labeller's; otherwise "unclear".
/// The name is in the scheme every discovery method shares (`directionLabel`): "<labeller>.<class>", the class
/// the + side moves toward (for a multiclass labeller, the class whose confidence rises most).
public func nameDirections(transform: any LatentTransform, latents: Tensor, maximum: Float,
                           labellers: [any ImageLabeller], generator: any LatentGenerator,
                           minimumChange: Double = 1, dominance: Double = 1.5) throws -> [DirectionName] {
    let n = latents.shape[0]
    let base = try generator.render(latents)
    let baseLabels = labellers.map { l in (0..<n).map { l.label(PlanarImage(generatorOutput: base, index: $0)) } }
    return try (0..<transform.directionCount).map { k in
        let ends = try traversalImages(transform: transform, direction: k, latents: latents, magnitudes: [-maximum, maximum],
                                       generator: generator)
        var effects = [LabellerEffect]()
        var changes = [String: [Double]]()  // per labeller, the standardised change of each of its scores
        for (li, labeller) in labellers.enumerated() {
            let minus = (0..<n).map { labeller.label(PlanarImage(generatorOutput: ends, index: 2 * $0)) }
            let plus = (0..<n).map { labeller.label(PlanarImage(generatorOutput: ends, index: 2 * $0 + 1)) }
            let flips = Double(zip(minus, plus).filter { $0.classIndex != $1.classIndex }.count) / Double(n)
            var best: LabellerEffect? = nil
            for s in 0..<labeller.scoreCount {
                let spread = standardDeviation(baseLabels[li].map { Double($0.scores[s]) })
                let change = zip(minus, plus).reduce(0.0) { $0 + Double($1.1.scores[s] - $1.0.scores[s]) } / Double(n)
                let z = spread > 0 ? change / spread : 0
                changes[labeller.name, default: []].append(z)
                let name = labeller.scoreCount == 1 ? labeller.name : "\(labeller.name).\(labeller.classes[s])"
                if best == nil || abs(z) > abs(best!.standardizedChange) {
                    best = LabellerEffect(labeller: labeller.name, score: name, standardizedChange: z, flipRate: flips)
                }
            }
            if let best { effects.append(best) }
        }
        effects.sort { abs($0.standardizedChange) > abs($1.standardizedChange) }
        let top = effects.first
        let next = effects.count > 1 ? abs(effects[1].standardizedChange) : 0
        let clear = top.map { abs($0.standardizedChange) >= minimumChange && abs($0.standardizedChange) >= dominance * next } ?? false
        let name = clear
            ? directionLabel(attribute: top!.labeller, classes: labellers.first { $0.name == top!.labeller }!.classes,
                             scoreChanges: changes[top!.labeller]!)
            : DirectionName.unclear
        return DirectionName(direction: k, name: name, effects: effects)
    }
}

/// The population standard deviation.
func standardDeviation(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
}

/// The naming table as Markdown: one row per direction (its id, as the Editor takes it) with its name and the
/// two strongest effects.
public func namingTable(_ names: [DirectionName]) -> String {
    var lines = ["| direction | name | strongest effect (Δ in SD, label flips) | second |", "|---|---|---|---|"]
    for row in names {
        func describe(_ i: Int) -> String {
            guard i < row.effects.count else { return "—" }
            let e = row.effects[i]
            return String(format: "%@ %+.2f, %.0f%% flips", e.score, e.standardizedChange, 100 * e.flipRate)
        }
        lines.append("| \(row.id) | \(row.name) | \(describe(0)) | \(describe(1)) |")
    }
    return lines.joined(separator: "\n") + "\n"
}
