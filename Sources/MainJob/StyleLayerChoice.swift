import Diagnostics
import Editing
import Bundles
import Foundation
import Generator
import Labellers
import NumericCore

/// The most latents per target class the layer choice edits, and the share of the all-layers success a range
/// must keep to be chosen.
let layerChoiceLatentsPerClass = 64
let layerChoiceSuccessShare = 0.95

/// One candidate W+ range, measured.
struct StyleLayerRow {
    let layers: Range<Int>
    /// Share of final images the target's labeller puts in the target class (mean over the classes).
    let success: Double
    /// Mean share of the other built-in labels left unchanged.
    let kept: Double
}

/// Chooses the W+ layers the bundle's edits write, as GradCtrl's authors chose them by hand for StyleGAN2, but by
/// measurement: fresh latents (never training ones) are edited toward each class of the target with the bundle's
/// method, and every candidate range (contiguous, edges on a grid of about a fifth of the layers, all layers
/// included) renders the paths' ends through the generator; the built-in image labellers, which no edit sees,
/// judge them. Among the ranges whose success is at least 95% of the all-layers success, the one keeping the
/// most of the other labels wins (ties: fewer layers). The chosen range and all layers are then measured again
/// on other fresh latents, the figures the log reports. Throws one line when the generator is not style-based,
/// cannot render, or the target has no built-in labeller.
func chooseStyleLayers(bundle: EditBundle, generator: any LatentGenerator, seed: UInt64,
                       log: (String) -> Void) throws -> Range<Int> {
    guard let styled = generator as? any StyleLayeredGenerator, styled.styleLayers > 1, styled.canRender,
          PlanarImage.labellersRead(styled.imageShape) else {
        throw JobError("choosing W+ layers needs a style-based generator in W space that renders here (a worker whose spec says \"space\": \"w\"); \(generator.identifier) is not")
    }
    guard builtInLabeller(bundle.target.name) != nil else {
        throw JobError("choosing W+ layers needs a built-in image labeller for '\(bundle.target.name)' to judge the edits")
    }
    let total = styled.styleLayers
    let step = max(1, (total + 4) / 5)
    let edges = Array(stride(from: 0, to: total, by: step)) + [total]
    var candidates = [Range<Int>]()
    for lo in edges.dropLast() { for hi in edges where hi > lo { candidates.append(lo..<hi) } }
    let choosing = try measureLayerRanges(candidates, bundle: bundle, generator: styled, seed: seed ^ 0x57A7_1A7E)
    let all = choosing.first { $0.layers == 0..<total }!
    let eligible = choosing.filter { $0.success >= layerChoiceSuccessShare * all.success }
    let best = eligible.max { ($0.kept, -$0.layers.count) < ($1.kept, -$1.layers.count) } ?? all
    log("W+ layers (success = target class by the image labeller, kept = other labels unchanged; \(layerChoiceLatentsPerClass) fresh latents per class):")
    for row in choosing.sorted(by: { $0.kept > $1.kept }).prefix(8) {
        log(String(format: "  %@ %5d:%-3d success %.3f  kept %.3f", row.layers == best.layers ? "*" : " ",
                   row.layers.lowerBound, row.layers.upperBound, row.success, row.kept))
    }
    let checked = try measureLayerRanges([best.layers, 0..<total], bundle: bundle, generator: styled, seed: seed ^ 0x0C4E_C4ED)
    log(String(format: "W+ layers %d:%d chosen; on other fresh latents: success %.3f, kept %.3f (all layers: %.3f, %.3f)",
               best.layers.lowerBound, best.layers.upperBound, checked[0].success, checked[0].kept, checked[1].success, checked[1].kept))
    return best.layers
}

/// Success and kept of each range in `ranges`, on fresh latents drawn with `seed`, edited toward every class.
private func measureLayerRanges(_ ranges: [Range<Int>], bundle: EditBundle, generator: any StyleLayeredGenerator,
                                seed: UInt64) throws -> [StyleLayerRow] {
    var random = RandomSource(seed: seed)
    let classCount = bundle.target.classNames.count
    var success = [Double](repeating: 0, count: ranges.count), kept = [Double](repeating: 0, count: ranges.count)
    for classIndex in 0..<classCount {
        let target = try EditTarget(attribute: bundle.target.name, classifier: bundle.target.classifier, classIndex: classIndex)
        let labeller = builtInLabeller(bundle.target.name)!
        let starts = try drawLatents(layerChoiceLatentsPerClass, from: generator, random: &random,
                                     describe: "outside class \(classIndex) of '\(bundle.target.name)'") { batch in
            let labels = classes(of: try generator.render(batch), by: labeller)
            return labels.indices.filter { labels[$0] != classIndex }
        }
        let before = labelImages(try generator.render(starts))
        let path = try editLatents(starts, target: target, protected: bundle.protectedAttributes, method: bundle.method,
                                   settings: bundle.editDefaults).path
        for (index, layers) in ranges.enumerated() {
            let after = labelImages(try LayeredRendering(generator: generator, layers: layers).renderFinal(path))
            guard let judgement = judgeEdit(attribute: bundle.target.name, targetClass: classIndex, before: before, after: after) else { continue }
            success[index] += judgement.successRate / Double(classCount)
            kept[index] += judgement.unchanged.map(\.1).reduce(0, +) / Double(max(1, judgement.unchanged.count)) / Double(classCount)
        }
    }
    return ranges.indices.map { StyleLayerRow(layers: ranges[$0], success: success[$0], kept: kept[$0]) }
}
