import Bundles
import Curation
import Dataset
import Discovery
import Editing
import Export
import FileStorage
import Foundation
import GeneratorBridge
import ImageIO
import Labellers
import NumericCore
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
    /// Directions files (the Editor's `directions` option, the manifolds' comparisons): the first byte chooses
    /// between a whole file (odd) and metadata JSON beside the base directions file's tensors (even).
    case directions = "FuzzDirections"
    /// A Trainer run's manifest (`run.json`), read before the run replaces its folder.
    case runManifest = "FuzzRunManifest"
    /// The labelling page's saved model (`<dataset>/curation/<attribute>.model.safetensors`) of the probe's own
    /// small dataset (`ReaderProbe.curationDataset`): the first byte chooses between a whole file (odd) and
    /// metadata JSON beside the base saved model's tensors (even).
    case curationModel = "FuzzCurationModel"

    /// The name of its fuzz target and of its folders under `Fuzz/Seeds` and `Fuzz/Regressions`.
    public var fuzzTarget: String { rawValue }

    /// Feeds `data` to the reader; `base` is the file whose tensors the metadata form of `bundle`, `directions`
    /// and `curationModel` uses (`base(root:)`).
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
            case .directions: try probeDirections(data, base: base)
            case .runManifest: try probeRunManifest(data)
            case .curationModel: try probeCurationModel(data, base: base)
            }
            return nil
        } catch {
            let message = "\(error)"
            precondition(!message.contains(where: \.isNewline), "a refusal is one line: \(message)")
            return message
        }
    }

    /// The name of its base file in `Fuzz/Seeds`, for the probes with a metadata form.
    public var baseFileName: String? {
        switch self {
        case .bundle: "base.bundle.safetensors"
        case .directions: "base.directions.safetensors"
        case .curationModel: "base.curation-model.safetensors"
        default: nil
        }
    }

    /// Its base file in `Fuzz/Seeds` below `root`, the package folder, or nil when it has none.
    public func base(root: String) throws -> SafeTensorsFile? {
        try baseFileName.map { try readSafeTensors((root as NSString).appendingPathComponent("Fuzz/Seeds/\($0)")) }
    }

    /// The dataset whose saved page model `curationModel` reads: 6 latents of 3 dimensions, the binary attribute
    /// `smile` (no, yes) with samples 2 and 5 unlabelled. `Fuzz/Seeds/base.curation-model.safetensors` is a model
    /// of it.
    public static let curationDataset: (latents: Tensor, attribute: Attribute, labels: [Int?]) = (
        Tensor(shape: [6, 3], storage: [0.5, -1, 0.25, -0.75, 1.5, 0, 1, 0.5, -0.5, -1.25, -0.25, 1, 0.75, 0.25, -1.5, -0.5, -0.5, 0.5]),
        Attribute(name: "smile", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "smile.csv")),
        [1, 0, nil, 0, 1, nil])
}

/// A reader's answer that is not an error value: the line a probe returns as the refusal.
private struct Refusal: Error, CustomStringConvertible {
    let description: String
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

/// Whether `name` can become part of a file name and stays inside a folder: no '/' or '\\', no leading '.' (so
/// neither "." nor ".."), no space, control character or line break, 1 to 64 ASCII characters.
private func staysInFolder(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 64 && !name.hasPrefix(".")
        && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "\\") }
}

private func probeDirections(_ data: Data, base: SafeTensorsFile?) throws {
    guard let first = data.first else { return }
    let rest = data.dropFirst()
    let file: DirectionsFile
    if first & 1 == 1 {
        file = try DirectionsFile(file: try decodeSafeTensors(Data(rest), name: "fuzz.directions.safetensors"),
                                  path: "fuzz.directions.safetensors")
    } else {
        guard let base else { return }
        let stored = SafeTensorsFile(source: "fuzz.directions.safetensors", tensors: base.tensors, names: base.names,
                                     metadata: [DirectionsFile.metadataKey: String(decoding: rest, as: UTF8.self)])
        file = try DirectionsFile(file: stored, path: "fuzz.directions.safetensors")
    }
    // What the Editor and the comparisons rely on: a latent dimension, plain unique ids and labels (the Editor
    // names its outputs after the id), positive finite σ, unit finite straight directions of that dimension, MLP
    // paths whose layers chain from their input to the latent, finite method tensors named after the method.
    let d = file.generator.latentDimension
    precondition(d > 0 && !file.directions.isEmpty, "accepted a directions file without a dimension or directions")
    precondition(Set(file.directions.map(\.id)).count == file.directions.count, "accepted repeated ids")
    let latents = Tensor(shape: [2, d], storage: (0..<(2 * d)).map { Float($0 % 7) / 7 - 0.5 })
    for direction in file.directions {
        precondition(staysInFolder(direction.id) && !direction.id.hasPrefix("-"), "accepted a direction id that cannot name a file")
        precondition(direction.label.map { staysInFolder($0) && !$0.hasPrefix("-") } ?? true, "accepted a label that is not a plain name")
        precondition(direction.sigma > 0 && Float(direction.sigma).isFinite, "accepted a sigma that is not a positive float32 value")
        precondition(direction.details.values.allSatisfy(\.isFinite), "accepted a detail that is not finite")
        precondition(direction.path.latentDimension == d, "accepted a path of another dimension")
        switch direction.path {
        case .linear(let vector):
            precondition(vector.allSatisfy(\.isFinite), "accepted a direction holding NaN or infinity")
            let length = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            precondition(abs(length - 1) < 1e-3, "accepted a direction that is not a unit vector")
        case .mlp(let mlp):
            var width = mlp.conditionedOnLatent ? d + 1 : 1
            for layer in mlp.layers {
                precondition(layer.weight.rank == 2 && layer.weight.shape[1] == width && layer.bias.shape == [layer.weight.shape[0]],
                             "accepted MLP layers that do not chain")
                precondition(layer.weight.isFinite && layer.bias.isFinite, "accepted an MLP layer holding NaN or infinity")
                width = layer.weight.shape[0]
            }
            precondition(width == d, "accepted an MLP path that does not end in the latent dimension")
        }
        // The Editor's use: a path of two steps from two latents.
        precondition(direction.path(from: latents, strength: 1, steps: 2).shape == [2, 3, d])
        if let label = direction.label { _ = file.directions(labelled: label) }
        precondition(file.direction(direction.id) == direction, "an id does not find its own direction")
    }
    for (name, tensor) in file.methodTensors {
        precondition(name.hasPrefix(file.method + "."), "accepted a method tensor named after another method")
        switch tensor.array.data {
        case .float32(let values): precondition(values.allSatisfy(\.isFinite), "accepted a method tensor holding NaN or infinity")
        case .float64(let values): precondition(values.allSatisfy(\.isFinite), "accepted a method tensor holding NaN or infinity")
        default: preconditionFailure("accepted a method tensor that is not float32 or float64")
        }
    }
}

/// The run a probed `run.json` is compared with, as the Trainer does before replacing a run's folder.
private let probedRun = RunManifest(target: "color", multiclass: 5, protected: ["lightness"], datasetPath: "data/set",
                                    datasetSHA256: String(repeating: "a", count: 64), samples: 10,
                                    generator: "dcgan-digiface-64", generatorSHA256: nil)

private func probeRunManifest(_ data: Data) throws {
    // What the Trainer says about a folder holding this manifest and a file with a line break in its name.
    let entries = [RunFiles.manifestName, "color.classifier.safetensors", "notes\n.txt"]
    if let problem = runFolderProblem(entries: entries, earlierManifest: data, for: probedRun) {
        let message = RunFolderTakenError(path: "out/set/color", problem: problem).description
        precondition(!message.contains(where: \.isNewline) && message.count < 4000, "a folder's problem is not one short line: \(message)")
    }
    let manifest = try RunManifest.decode(data, source: RunFiles.manifestName)
    precondition(manifest.kind == RunManifest.kindName && manifest.version == 1, "accepted another kind or version")
    for name in [manifest.target] + manifest.protected + manifest.files {
        precondition(staysInFolder(name) && (try? pathInside("run", name, source: "fuzz")) != nil,
                     "accepted a manifest naming a file that could leave the run's folder")
    }
    precondition(manifest.dataset.samples >= 0 && (manifest.multiclass ?? 2) >= 2, "accepted a negative count")
    // What was accepted reads back the same after writing it again, and a folder holding only what it lists
    // may be replaced by the same run.
    precondition((try? RunManifest.decode(manifest.encoded(), source: RunFiles.manifestName)) == manifest, "a manifest does not survive a round trip")
    precondition(runFolderProblem(entries: manifest.files + [RunFiles.manifestName], earlierManifest: data, for: manifest) == nil,
                 "a run may not replace its own folder")
}

private func probeCurationModel(_ data: Data, base: SafeTensorsFile?) throws {
    guard let first = data.first else { return }
    let rest = data.dropFirst()
    let (latents, attribute, labels) = ReaderProbe.curationDataset
    let path = "fuzz/curation/smile.model.safetensors"
    let load: SavedModelLoad
    if first & 1 == 1 {
        load = loadCurationModel(contents: Data(rest), path: path, attribute: attribute, labels: labels, latents: latents)
    } else {
        guard let base else { return }
        let file = SafeTensorsFile(source: path, tensors: base.tensors, names: base.names,
                                   metadata: ["curation_model": String(decoding: rest, as: UTF8.self)])
        load = loadCurationModel(file: file, path: path, attribute: attribute, labels: labels, latents: latents)
    }
    switch load {
    case .absent: preconditionFailure("bytes read as no file")
    case .ignored(let reason):
        precondition(reason.hasPrefix(path + ": saved model ignored: "), "a reason that does not name the file: \(reason)")
        throw Refusal(description: reason)
    case .loaded(let saved):
        // What the page relies on: classifiers of the attribute's architecture on these latents, finite
        // probabilities for every sample, labels of its classes, one per sample, and figures to show.
        let (n, d) = (latents.shape[0], latents.shape[1])
        let model = saved.model
        precondition((1...100).contains(model.classifiers.count), "accepted a model with no or too many folds")
        for classifier in model.classifiers {
            precondition(classifier.architecture.inputDimension == d && classifier.architecture.classCount == attribute.classes.count,
                         "accepted a classifier of another architecture")
        }
        for probabilities in [model.probabilities, model.probabilities(latents)] {
            precondition(probabilities.shape.first == n && probabilities.isFinite
                         && probabilities.storage.allSatisfy { (0...1).contains($0) }, "accepted a model with unusable probabilities")
        }
        precondition(model.trainedLabels.count == n
                     && model.trainedLabels.allSatisfy { $0.map { attribute.classes.indices.contains($0) } ?? true },
                     "accepted labels of other samples or classes")
        precondition(!saved.history.isEmpty && saved.history.last.map { $0.labels >= 0 } == true, "accepted a model without figures")
        precondition(saved.stale == (model.trainedLabels != labels))
    }
}
