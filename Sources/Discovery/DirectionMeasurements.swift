import Labellers
import Foundation
import Generator
import NumericCore

/// How a set of directions changes rendered images, measured on the same latents for every direction by
/// comparing the images at −strength σ and +strength σ: the built-in labellers' statistics (the re-scoring
/// matrix TCA's evaluation computes, here against this workbench's labellers) and the split between geometry
/// (a global shift, by phase correlation) and style (the change of mean colour).
public struct DirectionMeasurements: Sendable {
    /// The statistics, one column each: "lightness" (a binary labeller's margin) or "color.green" (one class's
    /// confidence of a multiclass labeller).
    public let statistics: [String]
    /// The attribute of each statistic.
    public let statisticAttributes: [String]
    /// Per direction and statistic: the mean change from −strength σ to +strength σ, in standard deviations
    /// of the statistic over the unedited images.
    public let effects: [[Double]]
    /// Per direction and statistic: the share of latents whose change has the sign of the mean change.
    public let consistency: [[Double]]
    /// Per direction: the mean length of the global shift (pixels) between the two images.
    public let shifts: [Double]
    /// Per direction: the mean Euclidean change of the image's mean RGB colour (values in 0–1).
    public let colourChanges: [Double]
    /// The latents measured and the strength.
    public let latentCount: Int, strength: Double
}

/// The labellers' statistics of each image of `images` `[N, 3, H, W]`: one row per image.
func imageStatistics(_ images: Tensor) -> [[Double]] {
    (0..<images.shape[0]).map { index in
        let image = PlanarImage(generatorOutput: images, index: index)
        return BuiltInLabellers.all.flatMap { $0.label(image).scores.map(Double.init) }
    }
}

/// Measures `directions` on `latents` at ±`strength` σ (see `DirectionMeasurements`). `progress` hears the
/// number of directions done.
public func measureDirections(_ directions: [DiscoveredDirection], generator: any LatentGenerator, latents: Tensor,
                              strength: Double = 2, progress: (Int) -> Void = { _ in }) throws -> DirectionMeasurements {
    var statistics = [String](), attributes = [String]()
    for labeller in BuiltInLabellers.all {
        let names = labeller.scoreCount == 1 ? [labeller.name] : labeller.classes.map { "\(labeller.name).\($0)" }
        statistics += names
        attributes += names.map { _ in labeller.name }
    }
    let base = imageStatistics(try generator.render(latents))
    let n = latents.shape[0], columns = statistics.count
    let deviations = (0..<columns).map { j -> Double in
        let mean = base.reduce(0) { $0 + $1[j] } / Double(n)
        return max((base.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / Double(n)).squareRoot(), 1e-9)
    }
    var effects = [[Double]](), consistency = [[Double]](), shifts = [Double](), colours = [Double]()
    for (index, direction) in directions.enumerated() {
        let minus = try generator.render(direction.moved(latents, strength: -strength))
        let plus = try generator.render(direction.moved(latents, strength: strength))
        let (low, high) = (imageStatistics(minus), imageStatistics(plus))
        var effectRow = [Double](), consistencyRow = [Double]()
        for j in 0..<columns {
            let changes = (0..<n).map { high[$0][j] - low[$0][j] }
            let mean = changes.reduce(0, +) / Double(n)
            effectRow.append(mean / deviations[j])
            consistencyRow.append(Double(changes.filter { ($0 > 0) == (mean > 0) && $0 != 0 }.count) / Double(n))
        }
        effects.append(effectRow)
        consistency.append(consistencyRow)
        var shift = 0.0, colour = 0.0
        for i in 0..<n {
            let (a, b) = (greyImage(minus, i), greyImage(plus, i))
            let s = phaseCorrelationShift(a, b, size: minus.shape[2])
            shift += (s.rows * s.rows + s.columns * s.columns).squareRoot()
            let (ca, cb) = (meanColour(minus, i), meanColour(plus, i))
            colour += zip(ca, cb).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
        shifts.append(shift / Double(n))
        colours.append(colour / Double(n))
        progress(index + 1)
    }
    return DirectionMeasurements(statistics: statistics, statisticAttributes: attributes, effects: effects,
                                 consistency: consistency, shifts: shifts, colourChanges: colours,
                                 latentCount: n, strength: strength)
}

/// The luma (0.299 R + 0.587 G + 0.114 B, values in 0–1) of image `index` of `images` `[N, 3, H, W]`.
func greyImage(_ images: Tensor, _ index: Int) -> [Double] {
    let plane = images.shape[2] * images.shape[3], base = index * 3 * plane
    return (0..<plane).map { p in
        let (r, g, b) = (images.storage[base + p], images.storage[base + plane + p], images.storage[base + 2 * plane + p])
        return (0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b) + 1) / 2
    }
}

/// The mean R, G, B (0–1) of image `index`.
func meanColour(_ images: Tensor, _ index: Int) -> [Double] {
    let plane = images.shape[2] * images.shape[3], base = index * 3 * plane
    return (0..<3).map { c in
        images.storage[(base + c * plane)..<(base + (c + 1) * plane)].reduce(0.0) { $0 + (Double($1) + 1) / 2 } / Double(plane)
    }
}

extension DirectionMeasurements {
    /// The label of direction `index` when one attribute clearly dominates: its largest |effect| is at least
    /// 0.5 standard deviations with at least 80% of latents agreeing, and at least 1.5 times any other
    /// attribute's. The label is in the shared scheme (`directionLabel`): the attribute and the class its + side
    /// moves toward ("lightness.light", "color.green"); nil when no attribute dominates.
    public func label(_ index: Int, classes: (String) -> [String]) -> String? {
        let ranked = attributeStrengths(index)
        guard let (best, strength, column) = ranked.first, strength >= 0.5, consistency[index][column] >= 0.8,
              ranked.count < 2 || strength >= 1.5 * ranked[1].strength else { return nil }
        let names = classes(best)
        let own = statistics.indices.filter { statisticAttributes[$0] == best }
        guard names.count == own.count || (names.count == 2 && own.count == 1) else { return nil }
        return directionLabel(attribute: best, classes: names, scoreChanges: own.map { effects[index][$0] })
    }

    /// Per attribute, the largest |effect| of its statistics and that statistic's column, strongest first.
    func attributeStrengths(_ index: Int) -> [(attribute: String, strength: Double, column: Int)] {
        var best = [String: (Double, Int)]()
        for (column, attribute) in statisticAttributes.enumerated() {
            let value = abs(effects[index][column])
            if value > (best[attribute]?.0 ?? -1) { best[attribute] = (value, column) }
        }
        return best.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.attribute < $1.attribute }
    }

    /// TCA's MOD score over the attributes: for each attribute, the direction (among `indices`) that moves it
    /// most strongly is its row; entry (i, j) is the |effect| of that direction on attribute j; each column is
    /// divided by its largest entry and MOD is the mean of the off-diagonal entries (0: each direction moves only
    /// its own attribute; 1: every one moves all of them as much). Returns the rows' directions too.
    public func mod(among indices: [Int]) -> (score: Double, rows: [(attribute: String, direction: Int)]) {
        let attributes = Array(Set(statisticAttributes)).sorted()
        func strength(_ direction: Int, _ attribute: String) -> Double {
            attributeStrengths(direction).first { $0.attribute == attribute }!.strength
        }
        let rows = attributes.map { a in (a, indices.max { strength($0, a) < strength($1, a) }!) }
        var matrix = rows.map { row in attributes.map { strength(row.1, $0) } }
        for j in attributes.indices {
            let top = matrix.map { $0[j] }.max() ?? 0
            if top > 0 { for i in matrix.indices { matrix[i][j] /= top } }
        }
        var sum = 0.0, count = 0
        for i in matrix.indices { for j in attributes.indices where i != j { sum += matrix[i][j]; count += 1 } }
        return (sum / Double(max(count, 1)), rows.map { ($0.0, $0.1) })
    }
}
