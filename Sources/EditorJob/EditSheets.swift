import Foundation
import Generator
import ImageIO
import NumericCore

/// The images every editor run writes: an edit strip per edit (`<base>.png`, a row per shown latent, a column
/// per point of its path) and a contact sheet of the originals beside every edit's final image.
struct EditSheets {
    /// The output folder and the most latents shown.
    let folder: String, shown: Int
    /// The first image of each shown path, from the first strip.
    private(set) var originals = [RGBImage]()
    /// Each edit's name and final images.
    private(set) var finals = [(name: String, images: [RGBImage])]()

    init(folder: String, shown: Int) {
        self.folder = folder
        self.shown = shown
    }

    /// Renders the first shown paths of `path` `[N, points, D]` into the strip `<base>.png`, rows labelled
    /// "#i to <name>", and keeps their first and last images; returns the line to print.
    /// `render` makes the images of a path's first rows `[rows, points, D]`, in row-major order (default: each point
    /// rendered alone).
    mutating func addStrip(_ path: Tensor, name: String, base: String, generator: any LatentGenerator,
                           render: ((Tensor) throws -> [RGBImage])? = nil) throws -> String {
        let (n, points, d) = (path.shape[0], path.shape[1], path.shape[2])
        let rows = min(n, shown)
        let shownPaths = path.rows(0..<rows)
        let strip = try render?(shownPaths) ?? generator.renderImages(shownPaths.reshaped([rows * points, d]))
        try writePNG(makeGrid(tiles: strip, columns: points, rowLabels: (0..<rows).map { "#\($0) to \(name)" },
                              columnHeaders: ["orig"] + (1..<points).map(String.init), tileScale: 2),
                     to: base + ".png")
        if originals.isEmpty { originals = (0..<rows).map { strip[$0 * points] } }
        finals.append((name, (0..<rows).map { strip[$0 * points + points - 1] }))
        return "  strip \(base).png"
    }

    /// Writes `contact-sheet.png` when there is something to show; returns the line to print.
    func writeContactSheet() throws -> String? {
        guard !finals.isEmpty else { return nil }
        let sheet = (folder as NSString).appendingPathComponent("contact-sheet.png")
        var tiles = [RGBImage]()
        for row in originals.indices { tiles += [originals[row]] + finals.map { $0.images[row] } }
        try writePNG(makeGrid(tiles: tiles, columns: finals.count + 1, rowLabels: originals.indices.map { "#\($0)" },
                              columnHeaders: ["orig"] + finals.map { "to \($0.name)" }, tileScale: 2), to: sheet)
        return "contact sheet \(sheet)"
    }
}
