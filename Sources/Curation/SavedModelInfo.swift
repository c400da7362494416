import Dataset
import LatentClassifier
import NumericCore

/// What a saved page model records beside its tensors (the safetensors file's metadata, as JSON): what it was
/// trained for and on, and its held-out figures with those of the models before it.
struct SavedModelInfo: Codable, Sendable {
    /// The version of this layout.
    static let currentFormatVersion = 1
    /// The metadata key holding the JSON.
    static let metadataKey = "curation_model"

    var formatVersion: Int
    /// The attribute and its classes.
    var attribute: String
    var classes: [String]
    /// The architecture of every fold's classifier.
    var architecture: ClassifierArchitecture
    /// How many classifiers (folds) the file holds, as `fold.<i>.` tensors.
    var folds: Int
    /// The dataset's sample count and a fingerprint of its latents (`latentsFingerprint`).
    var sampleCount: Int
    var latentsFingerprint: String
    /// The attribute's labels it was trained on, one per sample (nil: unlabelled then).
    var trainedLabels: [Int?]
    /// Its held-out figures.
    var figures: HeldOutFigures
    /// The figures of every model of this attribute so far, oldest first (its own last).
    var history: [HeldOutFigures]

    /// Why this record cannot describe a model of `attribute` on a dataset of `latents` [N, D], or nil.
    func mismatch(attribute expected: Attribute, latents: Tensor, fingerprint: String) -> String? {
        if formatVersion != Self.currentFormatVersion {
            return "format version \(formatVersion); this build reads version \(Self.currentFormatVersion)"
        }
        if attribute != expected.name { return "it was trained for the attribute '\(attribute)', not '\(expected.name)'" }
        if classes != expected.classes {
            return "it was trained for the classes \(classes.joined(separator: ",")), not \(expected.classes.joined(separator: ","))"
        }
        if let problem = architectureProblem { return "invalid architecture: \(problem)" }
        if architecture.inputDimension != latents.shape[1] {
            return "it takes \(architecture.inputDimension)-d latents, the dataset's are \(latents.shape[1])-d"
        }
        if !(1...100).contains(folds) { return "\(folds) folds" }
        if sampleCount != latents.shape[0] || trainedLabels.count != latents.shape[0] || latentsFingerprint != fingerprint {
            return "it was trained on other latents (\(sampleCount) samples then, \(latents.shape[0]) now, or other values)"
        }
        if trainedLabels.contains(where: { $0.map { !classes.indices.contains($0) } ?? false }) {
            return "its labels hold a class number outside 0-\(classes.count - 1)"
        }
        let count = classes.count
        if let problem = figures.problem(classCount: count) ?? history.lazy.compactMap({ $0.problem(classCount: count) }).first {
            return "held-out figures: \(problem)"
        }
        return nil
    }

    /// Why the architecture cannot be built (decoding bypasses its initialiser's checks), or nil.
    private var architectureProblem: String? {
        if architecture.classCount != classes.count {
            return "\(architecture.classCount) classes for \(classes.count) class names"
        }
        if architecture.inputDimension <= 0 { return "input dimension \(architecture.inputDimension)" }
        if architecture.hidden.count > 16 || architecture.hidden.contains(where: { !(1...65536).contains($0) }) {
            return "hidden widths \(architecture.hidden)"
        }
        if architecture.head == .sigmoid && architecture.classCount != 2 {
            return "a sigmoid head with \(architecture.classCount) classes"
        }
        if !architecture.leakySlope.isFinite { return "leaky slope \(architecture.leakySlope)" }
        return nil
    }
}

/// A fingerprint of `latents` (64-bit FNV-1a of the shape and the values' bits, hex): a saved model whose
/// fingerprint differs was trained on other latents.
func latentsFingerprint(_ latents: Tensor) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ value: UInt64) {
        hash ^= value
        hash = hash &* 0x0000_0100_0000_01b3
    }
    for extent in latents.shape { mix(UInt64(extent)) }
    latents.storage.withUnsafeBufferPointer { values in
        for value in values { mix(UInt64(value.bitPattern)) }
    }
    return String(hash, radix: 16)
}
