import Foundation

/// The names of the files inside a dataset folder, and the default folder for a sampled dataset.
public enum DatasetFiles {
    /// Provenance, sizes and attributes.
    public static let manifest = "manifest.json"
    /// The latents, float32 [N, D].
    public static let latents = "latents.npy"
    /// The labels, `index,<attribute>,...`.
    public static let labels = "labels.csv"
    /// The continuous scores of automatically labelled attributes, float32 [N, S]; absent when S = 0.
    public static let scores = "scores.npy"
    /// The folder of per-sample PNGs, when images are stored.
    public static let images = "images"

    /// The files a dataset is made of (other entries in its folder, like `images/`, are carried along).
    static let own = [manifest, latents, labels, scores]

    /// The PNG of sample `index` relative to the dataset folder, e.g. `images/000042.png`.
    public static func image(_ index: Int) -> String {
        let digits = String(index)
        return "\(images)/\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits).png"
    }

    /// `data/<generator>-n<count>-s<seed>`, where sampled datasets go by default (the Trainer looks there too).
    public static func defaultFolder(generator: String, count: Int, seed: UInt64) -> String {
        "data/\(generator)-n\(count)-s\(seed)"
    }

    /// `data/<generator>-n<count>-s<seed>-shard<K>of<N>`, where a shard of that run goes by default.
    public static func defaultFolder(generator: String, count: Int, seed: UInt64, shard: DatasetManifest.Shard) -> String {
        "\(defaultFolder(generator: generator, count: count, seed: seed))-shard\(shard.index)of\(shard.of)"
    }

    /// `directory/name`.
    static func path(_ directory: String, _ name: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }
}
