import Diagnostics
import FileStorage
import Editing
import Bundles
import Foundation
import Generator
import ImageIO
import Labellers
import NumericCore
import TensorFormats

/// What the editor does: which bundle, which latents, which directions, how, and where the results go.
public struct EditJobOptions: Sendable {
    /// The attribute's bundle.
    public var bundlePath: String
    /// Latents `[N, D]` from a .npy file; nil draws `count` from the generator's prior with `seed`.
    public var latentsPath: String?
    /// Latents to draw when there is no file.
    public var count = 16
    /// Seed for drawing latents (through `editorLatentSeed`, so never the training latents of a dataset).
    public var seed: UInt64 = 0
    /// Only this class (multiclass), or only this direction (binary); nil edits toward every class.
    public var toClass: String?
    /// Keep only latents not already in the target class (judged by the image labeller when the attribute
    /// has one, else by the classifier); drawn latents are drawn until `count` qualify.
    public var outsideTarget = false
    /// Overrides of the bundle's edit defaults.
    public var steps: Int?, stepLength: Float?, stopProbability: Float?, keepNorm: Bool?
    /// Take every step whatever the target probability (no stop probability, not even the bundle's).
    public var ignoresStopProbability = false
    /// The bundle's method, plain or projected; masks come from `exclude`/`topChannels`.
    public var method = EditJobMethod.bundle
    /// Attributes to mask instead of the bundle's choice (nil: the bundle's protected attributes).
    public var exclude: [String]?
    /// Channel budgets for `exclude` (one for all, or one each).
    public var topChannels: [Int]?
    /// The generator that renders and judges the edits (a worker serving the bundle's generator); nil: the
    /// embedded one when the bundle is the embedded generator's, else none (latents only).
    public var generator: (any LatentGenerator)?
    /// The W+ layers an edit writes (a style-based generator's): the others keep the starting latent; nil: all.
    public var layers: Range<Int>?
    /// Where the edited latents, strips and contact sheet go.
    public var outputFolder = "edits"
    /// The most latents shown in each strip and in the contact sheet.
    public var shownLatents = 12

    /// A directions file (from `Discover`) to edit with instead of a bundle; see `runDirectionEditJob`.
    public var directionsPath: String?
    /// The direction of `directionsPath` to apply: its id or its label.
    public var component: String?
    /// How far a direction's path goes, in its standard deviations (default `defaultDirectionStrength`).
    public var strength: Double?

    /// Options editing with `bundlePath` and every default.
    public init(bundlePath: String) { self.bundlePath = bundlePath }

    /// Options applying direction `component` of the directions file `directionsPath`, every other setting default.
    public init(directionsPath: String, component: String) {
        self.bundlePath = ""
        self.directionsPath = directionsPath
        self.component = component
    }
}

/// Applies a bundle to latents: every chosen direction, a curved path each, written as .npy, edit strips and a
/// contact sheet; when the images can be rendered and labelled here, judges the result with the image labellers.
/// Returns the lines to print; `log` gets warnings and progress notes.
public func runEditJob(_ options: EditJobOptions, log: (String) -> Void) throws -> [String] {
    do {
        return try editAndWrite(options, log: log)
    } catch GeneratorError.nonFiniteImage(let row) {
        throw FileError(path: options.latentsPath ?? options.bundlePath,
                        problem: "\(GeneratorError.nonFiniteImage(row: row)) (no image written)")
    } catch let error as FileError where error.path == bundlePlaceholderPath {
        throw FileError(path: options.directionsPath ?? options.bundlePath, problem: error.problem)
    }
}

/// The body of `runEditJob`.
private func editAndWrite(_ options: EditJobOptions, log: (String) -> Void) throws -> [String] {
    removeLeftovers(in: options.outputFolder)
    if options.directionsPath != nil { return try runDirectionEditJob(options, log: log) }
    let bundle = try EditBundle.read(from: options.bundlePath)
    let generator: any LatentGenerator = try options.generator ?? (bundle.generator.identifier == DCGANGenerator.embeddedIdentifier
        ? try DCGANGenerator.embedded() : externalSpace(of: bundle))
    try bundle.generator.require(GeneratorIdentity(generator), path: options.bundlePath)
    for warning in bundle.warnings { log("warning: the bundle says: \(warning)") }
    let targets = try options.toClass.map { [try bundle.editTarget(toClass: $0)] } ?? bundle.editTargets
    let (protected, method) = try editMethod(options, bundle: bundle)
    let defaults = bundle.editDefaults
    let settings = try EditSettings(steps: options.steps ?? defaults.steps, stepLength: options.stepLength ?? defaults.stepLength,
                                    stopProbability: options.ignoresStopProbability ? nil : options.stopProbability ?? defaults.stopProbability,
                                    keepNorm: options.keepNorm ?? defaults.keepNorm)
    if !generator.canRender {
        if options.latentsPath == nil {
            log("warning: drawing latents from N(0, I), but the bundle's latent space is another generator's (\(bundle.generator.identifier), D = \(bundle.generator.latentDimension)), whose latents may not follow N(0, I) (StyleGAN's W does not): give latents of that space instead")
        }
        if options.steps == nil || options.stepLength == nil, defaults.steps == EditSettings.standard.steps,
           defaults.stepLength == EditSettings.standard.stepLength {
            log("warning: using the step defaults measured on the embedded DCGAN (\(defaults.steps) steps of \(defaults.stepLength)) for another latent space; choose the steps and the step length for it")
        }
    }
    let layered = try layeredRendering(options.layers ?? (generator is any StyleLayeredGenerator ? bundle.styleLayers : nil),
                                       generator: generator)
    let latents = try startingLatents(options, generator: generator, target: options.toClass == nil ? nil : targets[0])
    // The bundle's method per class, unless the options chose one.
    let perClass = options.method == .bundle && options.exclude == nil && options.topChannels == nil
    func methodToward(_ target: EditTarget) -> EditMethod { perClass ? bundle.method(towardClass: target.classIndex) : method }
    let exceptions = perClass ? targets.filter { methodToward($0) != method }
        .map { "\(methodToward($0).summary) toward \(bundle.target.classNames[$0.classIndex])" } : []
    var lines = ["edited \(latents.shape[0]) latents with \(method.summary)\(exceptions.isEmpty ? "" : " (\(exceptions.joined(separator: "; ")))"), \(settings.steps) steps of \(settings.stepLength)\(settings.keepNorm ? ", norm kept" : "")"]
    var sheets = EditSheets(folder: options.outputFolder, shown: options.shownLatents)
    // The starting images' labels, shared by every direction, when an image labeller can judge the edits.
    let judged = generator.canRender && PlanarImage.labellersRead(generator.imageShape) && builtInLabeller(bundle.target.name) != nil
    let before = judged ? labelImages(try generator.render(latents)) : [:]
    for target in targets {
        let className = bundle.target.classNames[target.classIndex]
        let result = try editLatents(latents, target: target, protected: protected, method: methodToward(target), settings: settings)
        for (index, stop) in result.stops.enumerated() {
            if let stop, stop.reason != .reachedStopProbability {
                log("warning: latent \(index) toward \(className) stopped after \(stop.stepsTaken) steps: \(stop.reason)")
            }
        }
        // Names from the bundle were checked on reading; `pathInside` checks again that no output leaves the folder.
        let base = try pathInside(options.outputFolder, "\(bundle.target.name)-to-\(className)", source: options.bundlePath)
        try writeNpy(result.path, to: base + ".npy")
        lines.append("\(bundle.target.name) -> \(className): latents \(base).npy [\(result.path.shape.map(String.init).joined(separator: ", "))]")
        lines.append(targetProbabilityLine(result.target, classIndex: target.classIndex, className: className))
        if let stop = settings.stopProbability {
            lines.append(try arrivalReport(result, threshold: stop, className: className, steps: settings.steps, base: base))
        }
        guard generator.canRender else { continue }
        if let layered {
            try writeNpy(layered.codes(result.path), to: base + ".wplus.npy")
            lines.append("  W+ codes \(base).wplus.npy: layers \(layered.layers.lowerBound)..<\(layered.layers.upperBound) edited, the others keep each latent's start")
        }
        lines.append(try sheets.addStrip(result.path, name: className, base: base, generator: generator,
                                         render: layered.map { layered in { try rgbImages(layered.render($0)) } }))
        guard judged else { continue }
        let after = labelImages(try layered?.renderFinal(result.path) ?? generator.render(result.finalLatents))
        if let judgement = judgeEdit(attribute: bundle.target.name, targetClass: target.classIndex, before: before, after: after) {
            lines.append("  " + judgement.summary)
        }
    }
    if !generator.canRender {
        lines.append("no images written: the bundle's generator is \(bundle.generator.identifier) (not embedded here), so nothing can render its latents; render the .npy paths with that generator")
    }
    if let sheet = try sheets.writeContactSheet() { lines.append(sheet) }
    return lines
}

/// "target probability p(class): 0.123 before, 0.987 after (mean over N latents)" from the target's trace.
private func targetProbabilityLine(_ trace: AttributeTrace, classIndex: Int, className: String) -> String {
    let n = trace.latentCount
    func mean(_ point: Int) -> Double {
        (0..<n).reduce(0.0) { $0 + Double(trace.probability(latent: $1, point: point, ofClass: classIndex)) } / Double(max(n, 1))
    }
    return String(format: "  target probability p(%@): %.3f before, %.3f after (mean over %d latents, by the bundle's classifier)",
                  className, mean(0), mean(trace.pointCount - 1), n)
}

/// "arrival: …" for an edit with a stop probability: how many latents reached it and when, and which did not
/// (the first few in the line; every latent's arrival step and final probability in `<base>.arrival.csv`).
private func arrivalReport(_ result: EditResult, threshold: Float, className: String, steps: Int, base: String) throws -> String {
    let points = result.arrivalPoints(threshold: threshold)
    let last = result.target.pointCount - 1
    var csv = "latent,arrived_at_step,final_probability\n"
    for (latent, point) in points.enumerated() {
        csv += "\(latent),\(point.map(String.init) ?? ""),\(result.target.probability(latent: latent, point: last, ofClass: result.targetClass))\n"
    }
    try writeAtomically(Data(csv.utf8), to: base + ".arrival.csv")
    let arrived = points.compactMap { $0 }.sorted()
    let missing = points.indices.filter { points[$0] == nil }
    var line = "  arrival: \(arrived.count) of \(points.count) latents reached p(\(className)) ≥ \(threshold)"
        + (arrived.isEmpty ? "" : " (median \(arrived[arrived.count / 2]) steps)")
    if !missing.isEmpty {
        let shown = missing.prefix(10).map(String.init).joined(separator: ", ")
        line += "; \(missing.count) did not within \(steps) steps: latent\(missing.count == 1 ? "" : "s") \(shown)\(missing.count > 10 ? ", …" : "")"
    }
    return line + " (every latent in \(base).arrival.csv)"
}

/// The protected attributes and method an edit uses: the bundle's, or as the options override them.
private func editMethod(_ options: EditJobOptions, bundle: EditBundle) throws -> ([ProtectedAttribute], EditMethod) {
    if options.exclude != nil || options.topChannels != nil {
        let (protected, method) = try bundle.maskingOverride(exclude: options.exclude, topChannels: options.topChannels)
        return (protected, method)
    }
    switch options.method {
    case .bundle: return (bundle.protectedAttributes, bundle.method)
    case .plain: return (bundle.protectedAttributes, .plain)
    case .projected: return (bundle.protectedAttributes, .projected)
    case .restored: return (bundle.protectedAttributes, .restored(rounds: EditMethod.defaultRestoringRounds))
    }
}

/// The latents to edit: from the file, or drawn from the prior; with `outsideTarget`, only those not already
/// in the target class.
func startingLatents(_ options: EditJobOptions, generator: any LatentGenerator, target: EditTarget?) throws -> Tensor {
    if options.outsideTarget && target == nil {
        throw ArgumentError(.outsideTarget, "needs a target class (toClass)")
    }
    func outside(_ batch: Tensor) throws -> [Int] {
        guard let target else { return Array(0..<batch.shape[0]) }
        if generator.canRender, PlanarImage.labellersRead(generator.imageShape), let labeller = builtInLabeller(target.attribute) {
            let labels = classes(of: try generator.render(batch), by: labeller)
            return labels.indices.filter { labels[$0] != target.classIndex }
        }
        return target.rowsOutsideTarget(batch)
    }
    if let path = options.latentsPath {
        let z = try readNpyTensor(path)
        guard z.rank == 2, z.shape[1] == generator.latentDimension else {
            throw JobError("\(path): latents must have shape [N, \(generator.latentDimension)], got \(z.shape)")
        }
        guard z.shape[0] > 0 else { throw FileError(path: path, problem: "holds no latents (shape \(z.shape))") }
        try requireFinite(z, source: path)
        return options.outsideTarget ? z.gathering(rows: try outside(z)) : z
    }
    var random = RandomSource(seed: editorLatentSeed(options.seed))
    guard options.outsideTarget, let target else { return try generator.drawPrior(count: options.count, random: &random) }
    return try drawLatents(options.count, from: generator, random: &random,
                           describe: "outside class '\(target.attribute)' = \(target.classIndex)", keeping: outside)
}

/// The latent space of a bundle whose generator does not run here: N(0, I) in its dimension, with its identity.
private func externalSpace(of bundle: EditBundle) -> ExternalLatentSpace {
    var space = ExternalLatentSpace(dimension: bundle.generator.latentDimension)
    if bundle.generator.identifier != ExternalLatentSpace(dimension: 1).identifier {
        space.identifier = bundle.generator.identifier
        space.checkpointSHA256 = bundle.generator.checkpointSHA256 == "external" ? nil : bundle.generator.checkpointSHA256
    }
    return space
}
