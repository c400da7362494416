import Discovery
import Editing
import Bundles
import NumericCore

/// The baselines' ingredients, computed once per run and shared by every target.
public struct BaselineCandidates: Sendable {
    /// GANSpace's candidate directions, leading component first.
    public let ganSpace: [LatentDirection]
    /// SeFa's candidate directions, largest eigenvalue first.
    public let sefa: [LatentDirection]
    /// InterFaceGAN's boundaries of every attribute, by name.
    public let boundaries: [String: LinearBoundaries]
    /// TCA's mode-wise directions (channel, height, width components); none leaves TCA out.
    public let tcaModewise: [LatentDirection]
    /// TCA's multilinear products; none leaves them out.
    public let tcaProducts: [LatentDirection]
    /// Directions discovered without labels by `Discover manifolds`; none leaves them out.
    public let manifolds: [LatentDirection]

    /// Candidates from their parts.
    public init(ganSpace: [LatentDirection], sefa: [LatentDirection], boundaries: [String: LinearBoundaries],
                tcaModewise: [LatentDirection] = [], tcaProducts: [LatentDirection] = [],
                manifolds: [LatentDirection] = []) {
        self.ganSpace = ganSpace
        self.sefa = sefa
        self.boundaries = boundaries
        self.tcaModewise = tcaModewise
        self.tcaProducts = tcaProducts
        self.manifolds = manifolds
    }
}

/// The methods compared on an edit toward class `classIndex` of `bundle`'s attribute, protecting the
/// bundle's protected attributes: InterFaceGAN (the boundary normal) and its conditional form (the protected
/// attributes' normals projected out), GANSpace and SeFa (each the candidate and sign chosen by
/// `chooseComponent` on `selectionLatents` not already in the class by the bundle's classifier, with a path of
/// `selectionLength` in `steps` steps) and, when given, TCA's mode-wise directions and its multilinear products and the directions of `Discover manifolds`
/// (chosen the same way), all straight and without norm keeping; and GradCtrl with the plain
/// gradient, the bundle's automatic masks, gradient projection, and projection with restoring corrections
/// (the main job's default), with the bundle's norm keeping; then two references: random unit steps
/// (directions from `randomSeed`'s stream) and, when `imageOracle`, the image-space oracle. GANSpace, SeFa, TCA and
/// the manifolds are left out when their candidates are empty. Throws if a boundary is missing or the
/// parts do not fit together.
public func comparedMethods(bundle: EditBundle, classIndex: Int, baselines: BaselineCandidates,
                            selectionLatents: Tensor, selectionLength: Float, steps: Int,
                            randomSeed: UInt64, imageOracle: Bool = true) throws -> [EvaluatedMethod] {
    let name = bundle.target.name, className = bundle.target.classNames[classIndex]
    let target = try EditTarget(attribute: name, classifier: bundle.target.classifier, classIndex: classIndex)
    func boundaries(_ attribute: String) throws -> LinearBoundaries {
        guard let found = baselines.boundaries[attribute] else { throw EditError("no linear boundary for '\(attribute)'") }
        return found
    }
    let normal = try boundaries(name).target(toClass: classIndex)
    let protectedNormals = bundle.protected.flatMap { baselines.boundaries[$0.name]?.protectedNormals ?? [] }
    let outside = selectionLatents.gathering(rows: target.rowsOutsideTarget(selectionLatents))
    let straight = try EditSettings(steps: steps, stepLength: selectionLength / Float(steps), keepNorm: false)
    func chosen(_ candidates: [LatentDirection], _ method: String) throws -> EvaluatedMethod {
        let choice = try chooseComponent(candidates, attribute: method, scorer: target, latents: outside, settings: straight)
        let detail = String(format: "%@ of the first %d, mean p(%@) %.2f at length %g on %d latents",
                            choice.summary, candidates.count, className, choice.meanTargetProbability,
                            Double(selectionLength), outside.shape[0])
        return EvaluatedMethod(name: method, detail: detail, target: choice.target, keepNorm: false)
    }
    let masks = try bundle.maskingOverride(exclude: nil, topChannels: nil)
    let keepNorm = bundle.editDefaults.keepNorm
    let protectedNames = bundle.protected.map(\.name).joined(separator: ", ")
    let restoring: (rounds: Int, isDefault: Bool)
    if case .restored(let rounds) = bundle.method { restoring = (rounds, true) } else { restoring = (EditMethod.defaultRestoringRounds, false) }
    return [
        EvaluatedMethod(name: "InterFaceGAN", detail: "normal of \(normal.attribute), toward \(className)",
                        target: normal, keepNorm: false),
        EvaluatedMethod(name: "InterFaceGAN cond.",
                        detail: "the same with \(protectedNormals.count) normals projected out (\(protectedNormals.map(\.name).joined(separator: ", ")))",
                        target: normal, protected: protectedNormals, method: .projected, keepNorm: false),
    ] + (baselines.ganSpace.isEmpty ? [] : [try chosen(baselines.ganSpace, "GANSpace")])
      + (baselines.sefa.isEmpty ? [] : [try chosen(baselines.sefa, "SeFa")])
      + (baselines.tcaModewise.isEmpty ? [] : [try chosen(baselines.tcaModewise, "TCA")])
      + (baselines.tcaProducts.isEmpty ? [] : [try chosen(baselines.tcaProducts, "TCA product")])
      + (baselines.manifolds.isEmpty ? [] : [try chosen(baselines.manifolds, "Manifolds")]) + [
        EvaluatedMethod(name: "GradCtrl plain", detail: "gradient of p(\(className))\(keepNorm ? ", norm kept" : "")",
                        target: target, keepNorm: keepNorm),
        EvaluatedMethod(name: "GradCtrl masks", detail: masks.method.summary + (keepNorm ? ", norm kept" : ""),
                        target: target, protected: masks.protected, method: masks.method, keepNorm: keepNorm),
        EvaluatedMethod(name: "GradCtrl projection", detail: "gradients of \(protectedNames) projected out\(keepNorm ? ", norm kept" : "")",
                        target: target, protected: bundle.protectedAttributes, method: .projected, keepNorm: keepNorm),
        EvaluatedMethod(name: "GradCtrl restoring",
                        detail: "projection, then \(restoring.rounds) restoring corrections of \(protectedNames) per step\(keepNorm ? ", norm kept" : "")\(restoring.isDefault ? " (the bundle's default)" : "")",
                        target: target, protected: bundle.protectedAttributes, method: .restored(rounds: restoring.rounds),
                        keepNorm: keepNorm),
        EvaluatedMethod(name: "random \(referenceSuffix)", detail: "one random unit direction per latent\(keepNorm ? ", norm kept" : ""): what is kept by chance",
                        target: target, keepNorm: keepNorm, walk: .random(seed: randomSeed)),
    ] + (!imageOracle ? [] : [
        EvaluatedMethod(name: "image oracle \(referenceSuffix)",
                        detail: "GradCtrl's target gradient with the labellers' exact image statistics (\(protectedImageStatistics(exceptTarget: name).map(\.name).joined(separator: ", "))) backpropagated through the generator and projected out; not available for a user's attribute",
                        target: target, keepNorm: keepNorm, walk: .imageOracle),
    ])
}
