import Foundation

/// The Markdown tables of a TCA run: the directions with their σ, reachable share and label; the re-scoring
/// matrix with consistency; MOD; and geometry against style per direction and per mode, with the verdict on the
/// paper's claim that the spatial modes move geometry and the channel mode style.
public func tcaReport(_ result: TCAResult, directions: [DiscoveredDirection], measurements m: DirectionMeasurements,
                      commandLine: String) -> [String] {
    var lines = ["# TCA on block \(result.options.block) (\(result.dimensions.map(String.init).joined(separator: " × ")))", "",
                 "Made by `\(commandLine)`.", "",
                 String(format: "Regression back to z: held-out relative error %.4f after %d iterations (final loss %.5f).",
                        result.heldOutRelativeError, result.options.training.iterations, result.losses.last ?? .nan), "",
                 "Columns: **direction** is the id the Editor takes to pick it; **σ (latent)** is the latent length of one standard deviation of the edit, the latent move that shifts the block's activations by one standard deviation of the data along the part of the component the latent can reach (the grids' columns and the Editor's strength count in these σ); **reachable** is the share ‖PΔ‖²/‖Δ‖² of the component's activation pattern Δ that any latent move can produce at this block (P projects on the span of the least-squares linear map from z to the activations): 1 means the latent direction reproduces the component whole, near 0 means it keeps only a small part of it; **label** is `<attribute>.<class>`, the built-in attribute the direction moves and the class its + side moves toward, given when one attribute's effect is at least 0.5 with 80% of latents agreeing and 1.5 times any other's (— otherwise).", "",
                 "Effects: mean change of each labeller statistic from −\(format(m.strength))σ to +\(format(m.strength))σ over \(m.latentCount) latents, in standard deviations of the statistic over unedited images (in brackets: the share of latents changing in that direction).", "",
                 "| direction | what | σ (latent) | reachable | label | " + m.statistics.joined(separator: " | ") + " |",
                 "|---|---|---:|---:|---|" + m.statistics.map { _ in "---:" }.joined(separator: "|") + "|"]
    for (i, direction) in directions.enumerated() {
        let cells = m.statistics.indices.map { j in String(format: "%+.2f (%.0f%%)", m.effects[i][j], 100 * m.consistency[i][j]) }
        lines.append("| \(direction.id) | \(direction.summary.components(separatedBy: ";").first ?? "") | \(format(direction.sigma)) | "
                     + String(format: "%.3f", direction.details["reachable_share"] ?? .nan)
                     + " | \(direction.label ?? "—") | " + cells.joined(separator: " | ") + " |")
    }
    let modewise = result.kinds.indices.filter { if case .modewise = result.kinds[$0] { true } else { false } }
    let (score, rows) = m.mod(among: modewise)
    lines += ["", String(format: "MOD over the mode-wise directions (TCA's score; 0 = each attribute's strongest direction moves only that attribute): **%.2f**, rows: %@.", score,
                         rows.map { "\($0.attribute) ← \(directions[$0.direction].id)" }.joined(separator: ", ")), ""]
    lines += ["## Geometry against style", "",
              "Per direction, between the images at −\(format(m.strength))σ and +\(format(m.strength))σ: the global shift by phase correlation (pixels) and the change of mean colour (Euclidean, RGB in 0–1).", "",
              "| direction | shift (px) | mean colour change | shift per 0.01 colour |", "|---|---:|---:|---:|"]
    for (i, direction) in directions.enumerated() {
        lines.append(String(format: "| %@ | %.2f | %.4f | %.2f |", direction.id, m.shifts[i], m.colourChanges[i],
                            m.shifts[i] / max(m.colourChanges[i] * 100, 1e-9)))
    }
    lines += ["", "| mode | directions | mean shift (px) | mean colour change |", "|---|---:|---:|---:|"]
    var perMode = [(String, Double, Double)]()
    for (mode, name) in TCAEditKind.modeNames.enumerated() {
        let members = result.kinds.indices.filter { if case .modewise(mode, _) = result.kinds[$0] { true } else { false } }
        guard !members.isEmpty else { continue }
        let shift = members.reduce(0) { $0 + m.shifts[$1] } / Double(members.count)
        let colour = members.reduce(0) { $0 + m.colourChanges[$1] } / Double(members.count)
        perMode.append((name, shift, colour))
        lines.append(String(format: "| %@ | %d | %.2f | %.4f |", name, members.count, shift, colour))
    }
    lines += ["", geometryVerdict(perMode)]
    return lines
}

/// The answer to "do the spatial modes move geometry and the channel mode style?" from the per-mode means.
func geometryVerdict(_ modes: [(name: String, shift: Double, colour: Double)]) -> String {
    guard let channel = modes.first(where: { $0.name == "channel" }) else { return "No channel components were measured." }
    let spatial = modes.filter { $0.name != "channel" }
    guard !spatial.isEmpty else { return "No spatial components were measured." }
    let shift = spatial.reduce(0) { $0 + $1.shift } / Double(spatial.count)
    let colour = spatial.reduce(0) { $0 + $1.colour } / Double(spatial.count)
    let moreGeometry = shift > channel.shift, lessStyle = colour < channel.colour
    let claim = moreGeometry && lessStyle ? "holds" : (moreGeometry || lessStyle ? "holds only in part" : "does not hold")
    return String(format: "**Verdict: the claim that spatial modes move geometry and the channel mode style %@ here.** Spatial components shift the image by %.2f px on average against %.2f px for channel components; they change the mean colour by %.4f against %.4f.",
                  claim, shift, channel.shift, colour, channel.colour)
}

/// A number in at most four significant digits.
func format(_ x: Double) -> String { String(format: "%.4g", x) }
