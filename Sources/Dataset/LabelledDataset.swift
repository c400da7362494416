import Diagnostics
import Foundation
import NumericCore

/// A dataset in memory: latents, per-attribute labels, the continuous scores of automatic labels, and the
/// manifest that describes them.
public struct LabelledDataset: Sendable {
    /// Provenance, sizes and attributes.
    public private(set) var manifest: DatasetManifest
    /// The latents [N, D].
    public let latents: Tensor
    /// `labels[a][i]`: the class of sample i for attribute `manifest.attributes[a]`, nil if unlabelled.
    public private(set) var labels: [[Int?]]
    /// The scores [N, S] of automatically labelled attributes (see each attribute's `scores`), nil when S = 0.
    public let scores: Tensor?

    /// A dataset from its parts; throws if they disagree with the manifest (shapes, label ranges, score
    /// columns) or if the manifest is unsound.
    public init(manifest: DatasetManifest, latents: Tensor, labels: [[Int?]], scores: Tensor?) throws {
        func fail(_ problem: String) -> FileError { FileError(path: "dataset", problem: problem) }
        if let problem = manifest.problem { throw fail(problem) }
        guard latents.shape == [manifest.count, manifest.latentDimension] else {
            throw fail("latents have shape \(latents.shape), the manifest says [\(manifest.count), \(manifest.latentDimension)]")
        }
        guard labels.count == manifest.attributes.count else {
            throw fail("\(labels.count) label columns for \(manifest.attributes.count) attributes")
        }
        for (attribute, column) in zip(manifest.attributes, labels) {
            guard column.count == manifest.count,
                  column.allSatisfy({ $0.map { attribute.classes.indices.contains($0) } ?? true }) else {
                throw fail("labels of '\(attribute.name)' need one entry per sample, each a class 0..<\(attribute.classes.count) or none")
            }
        }
        let scoreColumns = manifest.scoreColumnCount
        if scoreColumns > 0 || scores != nil {
            guard let scores, scores.shape == [manifest.count, scoreColumns] else {
                throw fail("scores have shape \(scores?.shape ?? []), the attributes need [\(manifest.count), \(scoreColumns)]")
            }
        }
        self.manifest = manifest
        self.latents = latents
        self.labels = labels
        self.scores = scores
    }

    /// The number of samples N.
    public var count: Int { manifest.count }

    /// The position of the attribute `name` in `manifest.attributes`; throws naming the known attributes.
    public func attributeIndex(_ name: String) throws -> Int {
        guard let index = manifest.attributes.firstIndex(where: { $0.name == name }) else {
            let known = manifest.attributes.map(\.name)
            throw ArgumentError(.attribute,
                                "no attribute '\(name)' in the dataset (it has \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        return index
    }

    /// The scores of sample `index` for attribute `attribute`: its margin (binary) or per-class confidences.
    public func scores(of attribute: Attribute, sample index: Int) -> ArraySlice<Float>? {
        guard let columns = attribute.scores, let scores else { return nil }
        let width = scores.shape[1]
        return scores.storage[(index * width + columns.first)..<(index * width + columns.first + columns.count)]
    }

    /// This dataset with `attribute` added at the end, or replacing the attribute of the same name in place,
    /// labelled by `column` (one entry per sample). The attribute must not carry scores.
    public func setting(_ attribute: Attribute, labels column: [Int?]) throws -> LabelledDataset {
        precondition(attribute.scores == nil, "only attributes without scores can be set after sampling")
        var manifest = self.manifest
        var labels = self.labels
        if let index = manifest.attributes.firstIndex(where: { $0.name == attribute.name }) {
            manifest.attributes[index] = attribute
            labels[index] = column
        } else {
            manifest.attributes.append(attribute)
            labels.append(column)
        }
        return try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: scores)
    }
}

extension LabelledDataset {
    /// Records in the manifest whether `images/` holds a PNG per sample.
    mutating func markImagesStored(_ stored: Bool) {
        manifest.imagesStored = stored
    }
}
