import Dataset
import Editing
import Bundles
import FileStorage
import Foundation
import GeneratorBridge
import ImageIO
import Labellers
import TensorFormats

/// Arbitrary bytes fed to each reader a user's file reaches, as the fuzz targets (`Fuzz/`) and the test that
/// replays their regression corpus do. A probe returns the reader's one-line refusal, or nil if it accepted
/// the input; it traps when an accepted input breaks what the rest of the workbench relies on (a fuzzer
/// reports that as a crash).
public enum ReaderProbe: String, CaseIterable, Sendable {
    /// `.npy` latents, scores and images.
    case npy = "FuzzNpy"
    /// Safetensors files (checkpoints, classifiers), header and tensors.
    case safeTensors = "FuzzSafeTensors"
    /// Edit bundles: the first byte chooses between a whole file (odd) and metadata JSON beside the base
    /// bundle's tensors (even).
    case bundle = "FuzzBundle"
    /// A dataset's manifest.json.
    case manifest = "FuzzManifest"
    /// Label CSVs: the first byte chooses the mode (bit 0: imported or a dataset's own) and the sample count.
    case labelCSV = "FuzzLabelCSV"
    /// PNG and JPEG images.
    case image = "FuzzImage"
    /// A generator worker's reply frame, its header and its .npy payloads.
    case workerFrame = "FuzzWorkerFrame"

    /// The name of its fuzz target and of its folders under `Fuzz/Seeds` and `Fuzz/Regressions`.
    public var fuzzTarget: String { rawValue }

    /// Feeds `data` to the reader; `base` is the bundle whose tensors the metadata form of `bundle` uses.
    public func probe(_ data: Data, base: SafeTensorsFile? = nil) -> String? {
        do {
            switch self {
            case .npy: try probeNpy(data)
            case .safeTensors: try probeSafeTensors(data)
            case .bundle: try probeBundle(data, base: base)
            case .manifest: try probeManifest(data)
            case .labelCSV: try probeLabelCSV(data)
            case .image: try probeImage(data)
            case .workerFrame: try probeWorkerFrame(data)
            }
            return nil
        } catch {
            let message = "\(error)"
            precondition(!message.contains("\n"), "a refusal is one line: \(message)")
            return message
        }
    }

    /// The base bundle in `Fuzz/Seeds` below `root`, the package folder.
    public static func baseBundle(root: String) throws -> SafeTensorsFile {
        try readSafeTensors((root as NSString).appendingPathComponent("Fuzz/Seeds/base.bundle.safetensors"))
    }
}

private func probeNpy(_ data: Data) throws {
    let array = try decodeNpy(data, name: "fuzz.npy")
    precondition(array.shape.reduce(1, *) == array.data.count, "shape and element count disagree")
    _ = try? decodeNpyTensor(data, name: "fuzz.npy")
}

private func probeSafeTensors(_ data: Data) throws {
    let file = try decodeSafeTensors(data, name: "fuzz.safetensors")
    for name in file.names { _ = try? file.tensor(name) }
}

private func probeBundle(_ data: Data, base: SafeTensorsFile?) throws {
    guard let first = data.first else { return }
    let rest = data.dropFirst()
    let bundle: EditBundle
    if first & 1 == 1 {
        bundle = try EditBundle(file: try decodeSafeTensors(Data(rest), name: "fuzz.bundle.safetensors"))
    } else {
        guard let base else { return }
        let file = SafeTensorsFile(source: "fuzz.bundle.safetensors", tensors: base.tensors, names: base.names,
                                   metadata: [EditBundle.metadataKey: String(decoding: rest, as: UTF8.self)])
        bundle = try EditBundle(file: file)
    }
    // Every bundle the reader accepts names only files that stay inside the editor's output folder.
    for className in bundle.target.classNames {
        precondition((try? pathInside("out", "\(bundle.target.name)-to-\(className)", source: "fuzz")) != nil,
                     "accepted a bundle whose class name leaves the output folder")
    }
    precondition((0...maximumEditSteps).contains(bundle.editDefaults.steps))
    if let choice = bundle.maskChoice { _ = (choice.method, choice.maskBudgets, choice.tableLines) }
}

private func probeManifest(_ data: Data) throws {
    let manifest = try DatasetManifest.decode(data, path: "manifest.json")
    _ = manifest.scoreColumnCount
    for attribute in manifest.attributes {
        precondition(Attribute.nameProblem(attribute.name) == nil, "accepted an attribute name that cannot be a file name")
        _ = attribute.scores?.range
    }
}

/// Two attributes like a sampled dataset's, the columns a probed labels CSV must match.
private let probedAttributes = [
    Attribute(name: "color", kind: .multiclass, classes: ["dark", "neutral", "warm", "green", "blue"], origin: .manual(file: "fuzz.csv")),
    Attribute(name: "smile", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "fuzz.csv")),
]

private func probeLabelCSV(_ data: Data) throws {
    guard let first = data.first else { return }
    let sampleCount = Int(first >> 1)
    let text = String(decoding: data.dropFirst(), as: UTF8.self)
    let labels = try decodeLabelCSV(text, path: "fuzz.csv", attributes: probedAttributes, sampleCount: sampleCount,
                                    mode: first & 1 == 0 ? .datasetFile : .importFile)
    precondition(labels.count == probedAttributes.count && labels.allSatisfy { $0.count == sampleCount })
}

private func probeImage(_ data: Data) throws {
    let image = try decodeImage(data, label: "fuzz.image")
    precondition(image.width > 0 && image.height > 0 && image.width * image.height <= maximumImagePixels)
}

private func probeWorkerFrame(_ data: Data) throws {
    let frame = try WorkerFrame.decode(data, source: "fuzz-worker")
    // What was accepted reads back the same after writing it again.
    precondition((try? WorkerFrame.decode(frame.encoded(), source: "fuzz-worker")) == frame, "a frame does not survive a round trip")
    for payload in frame.payloads { _ = try? decodeNpyTensor(payload, name: "fuzz-worker payload") }
}
