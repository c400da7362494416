import Diagnostics


/// The labellers built in for the embedded 64×64 generator, by name: `color`, `lightness`, `light_side`,
/// `background`. Their definitions are in Sources/Dataset/Dataset.docc/Dataset.md.
public enum BuiltInLabellers {
    /// Rows 0–5 of every column, plus columns 0–3 and 60–63 of every row, each pixel once.
    public static let borderRegion = PixelRegion.border(size: 64, top: 6, side: 4)

    /// The border colour: dark, neutral, warm, green or blue.
    public static let color = BorderColorLabeller()

    /// Mean luma of the face region (rows 22–47, columns 20–43): `light` if > 0.31, else `dark`.
    public static let lightness = LumaThresholdLabeller(
        name: "lightness", below: "dark", above: "light",
        region: .rectangle(rows: 22...47, columns: 20...43), threshold: 0.31)

    /// Mean luma of rows 16–47, columns 8–31 minus that of rows 16–47, columns 32–55: `left` if > 0, else `right`.
    public static let lightSide = LumaThresholdLabeller(
        name: "light_side", below: "right", above: "left",
        region: .rectangle(rows: 16...47, columns: 8...31),
        minus: .rectangle(rows: 16...47, columns: 32...55), threshold: 0)

    /// Mean luma of the border region: `bright` if > 0.34, else `dim`.
    public static let background = LumaThresholdLabeller(
        name: "background", below: "dim", above: "bright", region: borderRegion, threshold: 0.34)

    /// All four, in the order above.
    public static let all: [any ImageLabeller] = [color, lightness, lightSide, background]

    /// The labellers named in `names`, in that order; throws naming any unknown or repeated name.
    public static func named(_ names: [String]) throws -> [any ImageLabeller] {
        var chosen = [any ImageLabeller]()
        for name in names {
            guard let labeller = all.first(where: { $0.name == name }) else {
                throw ArgumentError(.labellers,
                                    "unknown labeller '\(name)'; the built-in ones are \(all.map(\.name).joined(separator: ", "))")
            }
            if chosen.contains(where: { $0.name == name }) {
                throw ArgumentError(.labellers, "labeller '\(name)' is named twice")
            }
            chosen.append(labeller)
        }
        return chosen
    }
}

extension ArgumentName {
    /// Names of built-in labellers.
    public static let labellers = ArgumentName(rawValue: "labellers")
}
