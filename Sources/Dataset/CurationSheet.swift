import Diagnostics
import FileStorage
import Foundation
import Generator
import ImageIO

/// A numbered contact sheet for labelling by hand: the images enlarged twice, ten to a row, each with its
/// sample index in a caption strip above it, under a title naming the attribute and its classes.
public func curationSheet(images: [RGBImage], indices: [Int], attribute: String, classes: [String]?,
                          columns: Int = 10) -> RGBImage {
    precondition(images.count == indices.count, "one image per index")
    let legend = classes.map { names in names.enumerated().map { "\($0.offset)=\($0.element)" }.joined(separator: ", ") }
    let title = "\(attribute): write each tile's class next to its index" + (legend.map { " (\($0))" } ?? "")
    return ContactSheet(columns: columns, tileScale: 2, title: title)
        .render(tiles: images, captions: indices.map { "#\($0)" })
}

/// The most samples one contact sheet shows.
public let maximumSheetTiles = 10_000

/// The label template for `indices`: the labels CSV `index,<attribute>` with one row per index, its cell
/// filled from `existing` (the attribute's current labels, if it has any) and empty otherwise.
public func labelTemplate(indices: [Int], attribute: String, existing: [Int?]?) -> String {
    encodeLabelCSV(attributeNames: [attribute], indices: indices, labels: [indices.map { existing?[$0] ?? nil }])
}

extension LabelledDataset {
    /// Writes `<prefix>-sheet.png` (the numbered contact sheet of `indices`) and `<prefix>-labels.csv` (their
    /// label template for `attribute`), each atomically; returns the two paths. Images come as in
    /// `images(of:folder:generator:)`; the classes shown default to the attribute's own when it exists.
    ///
    /// A template that already holds filled-in labels the dataset does not have yet is a person's work: it is
    /// refused unless `force`.
    public func writeCurationFiles(folder directory: String, indices: [Int], attribute: String, classes: [String]?,
                                   generator: (any LatentGenerator)?, prefix: String,
                                   force: Bool = false) throws -> (sheet: String, template: String) {
        if let problem = Attribute.nameProblem(attribute) { throw ArgumentError(.attribute, problem) }
        guard indices.count <= maximumSheetTiles else {
            throw ArgumentError(.indices, "chooses \(indices.count) samples, more than the \(maximumSheetTiles) a sheet shows")
        }
        let existing = manifest.attributes.firstIndex { $0.name == attribute }
        let templatePath = prefix + "-labels.csv"
        removeLeftovers(in: (templatePath as NSString).deletingLastPathComponent)
        if !force, FileManager.default.fileExists(atPath: templatePath) {
            let filled = unimportedLabelCount(template: try readTextFile(templatePath), existing: existing.map { labels[$0] },
                                              classes: classes ?? existing.map { manifest.attributes[$0].classes })
            if filled > 0 { throw FilledTemplateError(path: templatePath, filledLabels: filled) }
        }
        let shownClasses = classes ?? existing.map { manifest.attributes[$0].classes }
        let sheet = curationSheet(images: try images(of: indices, folder: directory, generator: generator),
                                  indices: indices, attribute: attribute, classes: shownClasses)
        let paths = (sheet: prefix + "-sheet.png", template: prefix + "-labels.csv")
        try writePNG(sheet, to: paths.sheet)
        try writeAtomically(Data(labelTemplate(indices: indices, attribute: attribute, existing: existing.map { labels[$0] }).utf8),
                            to: paths.template)
        return paths
    }
}

/// A label template that holds labels not yet imported, which writing a new template would destroy.
public struct FilledTemplateError: Error, CustomStringConvertible, Sendable {
    /// The template.
    public let path: String
    /// How many of its labels the dataset does not hold yet.
    public let filledLabels: Int

    /// "path: already holds N filled-in labels not yet imported; …", one line.
    public var description: String {
        "\(path): already holds \(filledLabels) filled-in label\(filledLabels == 1 ? "" : "s") not yet imported; import it first (Dataset import-labels), or replace it on purpose"
    }
}
