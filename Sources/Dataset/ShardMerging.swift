import Diagnostics
import FileStorage
import Foundation
import NumericCore

/// Joins the shards of one run (a sampler with a shard, each made anywhere: another machine, a cluster
/// task) into the dataset the whole run gives: the same `latents.npy`, `labels.csv`, `scores.npy` and
/// `manifest.json`, byte for byte, and the images renumbered when the shards stored them. Written atomically into
/// `directory`. Throws one line naming the folder at fault when the shards are not all N parts of one run.
public func mergeShards(_ folders: [String], into directory: String) throws -> LabelledDataset {
    guard let firstFolder = folders.first else { throw ArgumentError(.shard, "give the shards' folders to merge") }
    let shards = try folders.map { folder -> (folder: String, data: LabelledDataset, shard: DatasetManifest.Shard) in
        let data = try LabelledDataset.load(from: folder)
        guard let shard = data.manifest.shard else {
            throw FileError(path: folder, problem: "is not a shard of a run (its manifest has no \"shard\")")
        }
        return (folder, data, shard)
    }
    let reference = shards[0]
    for (folder, data, shard) in shards.dropFirst() {
        var comparable = data.manifest, expected = reference.data.manifest
        comparable.shard = nil
        comparable.count = 0
        expected.shard = nil
        expected.count = 0
        guard comparable == expected, shard.of == reference.shard.of, shard.total == reference.shard.total else {
            throw FileError(path: folder, problem: "is not a shard of the same run as \(firstFolder) (generator, seed, attributes, stored images and N of the whole run must all agree)")
        }
    }
    let ordered = shards.sorted { $0.shard.index < $1.shard.index }
    for (position, entry) in ordered.enumerated() where entry.shard.index != position + 1 {
        if position > 0 && ordered[position - 1].shard.index == entry.shard.index {
            throw FileError(path: entry.folder, problem: "holds shard \(entry.shard.index)/\(entry.shard.of), as \(ordered[position - 1].folder) does")
        }
        throw FileError(path: firstFolder, problem: "shard \(position + 1)/\(entry.shard.of) is missing from the folders given")
    }
    guard ordered.count == reference.shard.of else {
        throw FileError(path: firstFolder, problem: "shard \(ordered.count + 1)/\(reference.shard.of) is missing from the folders given")
    }
    var manifest = reference.data.manifest
    manifest.shard = nil
    manifest.count = reference.shard.total
    let dimension = manifest.latentDimension
    let latents = Tensor(shape: [manifest.count, dimension], storage: ordered.flatMap(\.data.latents.storage))
    let labels = manifest.attributes.indices.map { column in ordered.flatMap { $0.data.labels[column] } }
    let scores = reference.data.scores.map { first in
        Tensor(shape: [manifest.count, first.shape[1]], storage: ordered.flatMap { $0.data.scores!.storage })
    }
    var merged = try LabelledDataset(manifest: manifest, latents: latents, labels: labels, scores: scores)
    try writeDirectoryAtomically(at: directory) { temporary in
        if manifest.imagesStored {
            for (folder, _, shard) in ordered {
                for offset in 0..<shard.samples.count {
                    try copyFile(DatasetFiles.path(folder, DatasetFiles.image(offset)),
                                 to: DatasetFiles.path(temporary, DatasetFiles.image(shard.first + offset)))
                }
            }
        }
        merged.markImagesStored(manifest.imagesStored)
        try merged.writeFiles(into: temporary)
    }
    return merged
}

/// Copies one file, creating the target's folder; a failure names the source.
private func copyFile(_ source: String, to target: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: target)
    } catch {
        throw FileError(path: source, problem: "cannot be copied into the merged dataset: \(error.localizedDescription)")
    }
}
