/// The length of one edit step in latent units, used when nothing else is asked for.
///
/// GradCtrl walks 9 steps of 4/9 in StyleGAN's 512-d W space, whose scale differs. The embedded DCGAN's z is
/// 100-d N(0, I): a latent has norm about 10 and two latents lie about 14 apart. Measured on it (9 steps,
/// norm kept, GradCtrl-shaped classifiers trained on 8,000 labelled latents, 200 held-out latents whose
/// images the `color` labeller does not call green, edited toward green with the plain gradient, final
/// images rendered and labelled): step 0.25, 0.5, 0.75, 1.0, 1.5 made 37%, 90%, 99%, 99%, 100% of them green,
/// while the `lightness` label stayed unchanged for 88%, 79%, 72%, 61%, 51%. 0.75 (a path of 6.75) is the
/// shortest step that clears 90% with a margin; with gradient projection it gave 98% (0.5 gave 88%).
/// `compareSettings` measures success and drift for other lengths on other data.
public let defaultStepLength: Float = 0.75

/// The default step in another latent space, as a share of its latents' mean norm: `defaultStepLength` over the
/// embedded prior's mean norm (about 10), so that a step moves a latent as far, relative to its size, in any
/// space — 0.085 for 512-d latents of spread 0.05 (mean norm 1.13), 1.7 for 512-d N(0, I).
public let defaultStepShareOfNorm: Float = 0.075

/// Whether edits keep the starting norm by default. Measured as for `defaultStepLength`: without it the mean
/// |z| grows from 10.0 to 10.6, 11.6, 12.8 and 15.9 for steps 0.5, 0.75, 1.0 and 1.5 (the prior's typical
/// shell is 10 ± 0.7, and images degrade away from it), with it |z| stays 10.0, while target success, drift
/// and the rendered label rates change by at most 2 points. So it is on.
public let defaultKeepNorm = true

/// The number of edit steps used when nothing else is asked for (GradCtrl's 9).
public let defaultStepCount = 9

/// The most steps an edit may take (every step's latent is kept: N × (steps + 1) × D numbers).
public let maximumEditSteps = 1000

/// How far and how an edit walks.
public struct EditSettings: Sendable, Equatable {
    /// The number of steps; the path has `steps + 1` points.
    public let steps: Int
    /// The length of each step in latent units.
    public let stepLength: Float
    /// When set, a latent stops as soon as its target probability reaches this value.
    public let stopProbability: Float?
    /// Whether each step's result is rescaled to the latent's starting norm, keeping it on the prior's
    /// typical shell (so the radial part of a step is undone: only its direction on the sphere remains).
    public let keepNorm: Bool

    /// Settings; throws unless `steps` is in 0...`maximumEditSteps`, `stepLength` is positive and finite, and `stopProbability` is in (0, 1].
    public init(steps: Int = defaultStepCount, stepLength: Float = defaultStepLength, stopProbability: Float? = nil,
                keepNorm: Bool = defaultKeepNorm) throws {
        guard (0...maximumEditSteps).contains(steps) else {
            throw EditError("the number of steps must be between 0 and \(maximumEditSteps), got \(steps)")
        }
        guard stepLength.isFinite, stepLength > 0 else {
            throw EditError("the step length must be positive and finite, got \(stepLength)")
        }
        if let stop = stopProbability, !(stop > 0 && stop <= 1) {
            throw EditError("the stop probability must be in (0, 1], got \(stop)")
        }
        self.init(checkedSteps: steps, stepLength: stepLength, stopProbability: stopProbability, keepNorm: keepNorm)
    }

    /// Settings from values already known to be valid.
    private init(checkedSteps steps: Int, stepLength: Float, stopProbability: Float?, keepNorm: Bool) {
        self.steps = steps
        self.stepLength = stepLength
        self.stopProbability = stopProbability
        self.keepNorm = keepNorm
    }

    /// The defaults: `defaultStepCount` steps of `defaultStepLength`, no early stop, `defaultKeepNorm`.
    public static let standard = EditSettings(checkedSteps: defaultStepCount, stepLength: defaultStepLength,
                                              stopProbability: nil, keepNorm: defaultKeepNorm)
}

extension EditSettings: Codable {
    private enum Keys: String, CodingKey { case steps, stepLength, stopProbability, keepNorm }

    /// Reads the fields and checks them as `init(steps:stepLength:stopProbability:keepNorm:)` does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        do {
            try self.init(steps: container.decode(Int.self, forKey: .steps),
                          stepLength: container.decode(Float.self, forKey: .stepLength),
                          stopProbability: container.decodeIfPresent(Float.self, forKey: .stopProbability),
                          keepNorm: container.decode(Bool.self, forKey: .keepNorm))
        } catch let error as EditError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.problem))
        }
    }

    /// Writes the fields (`stopProbability` only when set).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(steps, forKey: .steps)
        try container.encode(stepLength, forKey: .stepLength)
        try container.encodeIfPresent(stopProbability, forKey: .stopProbability)
        try container.encode(keepNorm, forKey: .keepNorm)
    }
}
