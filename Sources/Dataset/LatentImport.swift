import Files
import Foundation

/// A dataset of latents from another generator (`latentsPath`, float .npy [N, D], any D) with labels from
/// the CSV at `labelsPath` (header `index,<attribute>,...`; a class index or name per cell; rows for any
/// subset of samples), each attribute's class names given in `classes` (kind: binary for two classes,
/// multiclass otherwise). Without a labels file the dataset has no attributes yet. Every problem — a bad
/// latent file, NaN or infinity, a wrong header, an attribute without classes, bad rows — is a
/// `FileError` naming the file; the labels error lists every offending line.
public func importExternalDataset(latentsPath: String, labelsPath: String?,
                                  classes: [String: [String]]) throws -> LabelledDataset {
    let latents = try readMatrix(latentsPath, what: "latents")
    var attributes = [Attribute](), labels = [[Int?]]()
    if let labelsPath {
        let text = try readTextFile(labelsPath)
        let header = cells(csvLines(text).first ?? "")
        guard header.first == "index", header.count >= 2, Set(header).count == header.count else {
            throw FileError(path: labelsPath, problem: "line 1: the header is '\(shortened(header.joined(separator: ",")))', expected 'index,<attribute>,...' with distinct names")
        }
        for name in header.dropFirst() {
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
        labels = try decodeLabelCSV(text, path: labelsPath, attributes: attributes, sampleCount: latents.shape[0], mode: .importFile)
    } else if let first = classes.keys.sorted().first {
        throw FileError(path: latentsPath, problem: "classes were given for '\(first)' but no labels file")
    }
    let manifest = DatasetManifest(generator: DatasetManifest.externalGenerator, checkpointSHA256: nil,
                                   latentDimension: latents.shape[1], seed: nil, count: latents.shape[0],
                                   imagesStored: false, attributes: attributes)
    return try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: nil)
}
