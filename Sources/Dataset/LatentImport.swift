import Diagnostics
import Foundation
import NumericCore

/// A dataset of latents from another generator (`latentsPath`, float .npy [N, D], any D) with labels from
/// the CSV at `labelsPath` (header `index,<attribute>,...`; a class index or name per cell; rows for any
/// subset of samples), each attribute's class names given in `classes` (kind: binary for two classes,
/// multiclass otherwise). Further columns may carry an external labeller's continuous scores, which the
/// Trainer then fits (see `readImportedScores`: `<attribute>:score` margins or `<attribute>:<class>`
/// probabilities). Without a labels file the dataset has no attributes yet. Every problem — a bad
/// latent file, NaN or infinity, a wrong header, an attribute without classes, bad rows — is a
/// `FileError` naming the file; the labels error lists every offending line.
///
/// The latents may also be W+ codes `[N, L, D]` (a StyleGAN's, float16 too): codes whose L layers are equal are
/// stored as w `[N, D]`; codes whose layers differ (an inversion's) keep one layer, `wPlusLayer` (default 0), and
/// `note` is told which.
public func importExternalDataset(latentsPath: String, labelsPath: String?, classes: [String: [String]],
                                  wPlusLayer: Int? = nil, note: (String) -> Void = { _ in }) throws -> LabelledDataset {
    let latents = try readLatentCodes(latentsPath, layer: wPlusLayer, note: note)
    var attributes = [Attribute](), labels = [[Int?]]()
    var scores: Tensor?
    if let labelsPath {
        let text = try readTextFile(labelsPath)
        let lines = csvLines(text)
        let header = cells(lines.first ?? "")
        guard header.first == "index", header.count >= 2, Set(header).count == header.count else {
            throw FileError(path: labelsPath, problem: "line 1: the header is '\(shortened(header.joined(separator: ",")))', expected 'index,<attribute>,...' with distinct names")
        }
        let labelColumns = header.indices.filter { !isScoreColumn(header[$0]) }
        for name in labelColumns.dropFirst().map({ header[$0] }) {
            guard let names = classes[name] else {
                throw ArgumentError(.classes, "\(labelsPath): attribute '\(name)' needs its classes (\(name)=class0,class1,...)")
            }
            let attribute = Attribute(name: name, kind: Attribute.kind(forClassCount: names.count), classes: names,
                                      origin: .imported(file: fileName(labelsPath)))
            if let problem = attribute.problem { throw FileError(path: labelsPath, problem: problem) }
            attributes.append(attribute)
        }
        if let extra = classes.keys.sorted().first(where: { !header.contains($0) }) {
            throw FileError(path: labelsPath, problem: "classes were given for '\(extra)', which is not a column of the file")
        }
        let labelText = labelColumns.count == header.count ? text
            : lines.map { line in
                let row = cells(line)
                return row.count == header.count ? labelColumns.map { row[$0] }.joined(separator: ",") : String(line)
            }.joined(separator: "\n")
        labels = try decodeLabelCSV(labelText, path: labelsPath, attributes: attributes, sampleCount: latents.shape[0], mode: .importFile)
        let imported = try readImportedScores(header: header, lines: lines, attributes: attributes,
                                              sampleCount: latents.shape[0], path: labelsPath)
        attributes = attributes.map { attribute in
            guard let columns = imported.columns[attribute.name] else { return attribute }
            return Attribute(name: attribute.name, kind: attribute.kind, classes: attribute.classes, origin: attribute.origin,
                             scores: columns)
        }
        scores = imported.values
    } else if let first = classes.keys.sorted().first {
        throw FileError(path: latentsPath, problem: "classes were given for '\(first)' but no labels file")
    }
    let manifest = DatasetManifest(generator: DatasetManifest.externalGenerator, checkpointSHA256: nil,
                                   latentDimension: latents.shape[1], seed: nil, count: latents.shape[0],
                                   imagesStored: false, attributes: attributes)
    return try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: scores)
}
