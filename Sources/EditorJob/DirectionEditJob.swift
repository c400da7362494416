import Discovery
import Editing
import Diagnostics
import FileStorage
import Foundation
import Generator
import Labellers
import NumericCore
import TensorFormats

/// How far a direction edit moves latents by default: three standard deviations of the direction, the edge
/// of `Discover`'s grids.
public let defaultDirectionStrength = 3.0

/// Applies one direction of a directions file (`options.directionsPath`, direction `options.component` by id or
/// label, a label in the current or the older scheme, see `DirectionsFile.directions(labelled:)`) to latents, both ways (`toClass` \"plus\" or \"minus\" for one): paths of `steps` equal steps (default 9) out to
/// `strength` standard deviations of the direction, written as `<id>-to-<side>.npy` `[N, steps+1, D]` with a strip
/// each and a contact sheet, as a bundle's edits are. When the images can be rendered, says how often each built-in
/// labeller's label changed, and, when the direction's label names a class, how many final images reach it.
/// Throws on a bad file, an unknown direction, or an option that only applies to bundles.
public func runDirectionEditJob(_ options: EditJobOptions, log: (String) -> Void) throws -> [String] {
    guard let path = options.directionsPath, let key = options.component else {
        throw JobError("a direction edit needs a directions file and a direction's id or label")
    }
    guard options.method == .bundle, options.exclude == nil, options.topChannels == nil, options.stopProbability == nil,
          options.keepNorm == nil, options.stepLength == nil, !options.outsideTarget else {
        throw JobError("a direction edit takes a strength and steps, not a bundle's method, masks, stop probability, norm keeping, step length or target class")
    }
    let header = try DirectionsFile.read(from: path)
    let generator: any LatentGenerator = header.generator.identifier == DCGANGenerator.embeddedIdentifier
        ? try DCGANGenerator.embedded() : ExternalLatentSpace(dimension: header.generator.latentDimension)
    try header.generator.require(GeneratorIdentity(generator), path: path)
    let labelled = header.directions(labelled: key)
    if !header.directions.contains(where: { $0.id == key }), labelled.count > 1 {
        throw JobError("\(path): the label '\(key)' names \(labelled.count) directions (\(labelled.map(\.id).joined(separator: ", "))); give one of them by its id")
    }
    guard let direction = header.direction(key) else {
        let known = header.directions.map { d in d.label.map { "\(d.id) (\(currentDirectionLabel($0)))" } ?? d.id }
            .joined(separator: ", ")
        throw JobError("\(path): no direction with id or label '\(key)'; it holds \(known)")
    }
    let strength = options.strength ?? defaultDirectionStrength
    let steps = options.steps ?? EditSettings.standard.steps
    guard strength > 0, strength.isFinite, steps >= 1 else { throw JobError("the strength must be positive and the steps at least 1") }
    let sides: [(name: String, sign: Double)]
    switch options.toClass {
    case nil: sides = [("plus", 1), ("minus", -1)]
    case "plus": sides = [("plus", 1)]
    case "minus": sides = [("minus", -1)]
    case let other?: throw JobError("a direction edit goes to the plus or minus side, not '\(other)'")
    }
    let latents = try startingLatents(options, generator: generator, target: nil)
    var lines = [String(format: "edited %d latents along %@ of %@ (%@%@), %d steps out to %g σ = %.3f in latent length",
                        latents.shape[0], direction.id, header.method, direction.summary,
                        direction.label.map { ", label \(currentDirectionLabel($0))" } ?? "", steps, strength, strength * direction.sigma)]
    var sheets = EditSheets(folder: options.outputFolder, shown: options.shownLatents)
    let before = generator.canRender ? labelImages(try generator.render(latents)) : [:]
    for side in sides {
        let paths = direction.path(from: latents, strength: side.sign * strength, steps: steps)
        // The component id comes from the directions file: `pathInside` refuses one that would leave the folder.
        let base = try pathInside(options.outputFolder, "\(direction.id)-to-\(side.name)", source: options.directionsPath ?? "")
        try writeNpy(paths, to: base + ".npy")
        lines.append("\(direction.id) -> \(side.name): latents \(base).npy [\(paths.shape.map(String.init).joined(separator: ", "))]")
        guard generator.canRender else { continue }
        lines.append(try sheets.addStrip(paths, name: side.name, base: base, generator: generator))
        let final = direction.moved(latents, strength: side.sign * strength)
        let after = labelImages(try generator.render(final))
        let changed = BuiltInLabellers.all.map { labeller in
            let (a, b) = (before[labeller.name]!, after[labeller.name]!)
            return String(format: "%@ %.1f%%", labeller.name, 100 * Double(zip(a, b).filter { $0 != $1 }.count) / Double(max(a.count, 1)))
        }
        lines.append("  labels changed: " + changed.joined(separator: ", "))
        if let target = labelledTarget(direction.label.map { currentDirectionLabel($0) }, sign: side.sign),
           let judgement = judgeEdit(attribute: target.attribute, targetClass: target.classIndex, before: before, after: after) {
            lines.append("  " + judgement.summary)
        }
    }
    if !generator.canRender {
        lines.append("no images written: the directions' generator is \(header.generator.identifier) (not embedded here)")
    }
    if let sheet = try sheets.writeContactSheet() { lines.append(sheet) }
    return lines
}

/// The class a direction labelled "<attribute>.<class>" (the shared scheme, `directionLabel`) moves toward on the side `sign`: that class on the +
/// side; on the − side the other class of a binary attribute (nil for a multiclass one).
private func labelledTarget(_ label: String?, sign: Double) -> (attribute: String, classIndex: Int)? {
    guard let label, let dot = label.firstIndex(of: ".") else { return nil }
    let attribute = String(label[..<dot]), className = String(label[label.index(after: dot)...])
    guard let labeller = builtInLabeller(attribute), let index = labeller.classes.firstIndex(of: className) else { return nil }
    if sign > 0 { return (attribute, index) }
    return labeller.classes.count == 2 ? (attribute, 1 - index) : nil
}
