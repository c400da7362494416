import CommandTestSupport
import Curation
import Discovery
import Export
import Foundation
import Generator
import LatentClassifier
import NumericCore
import ReaderProbes
import TensorFormats
import Testing

/// The seeds of `FuzzDirections`, `FuzzRunManifest` and `FuzzCurationModel` and their base files, as the library
/// writes them: small files that reach every branch of their readers' accepting path.
enum FuzzSeedFiles {
    /// A directions file of a 4-d generator: two straight directions (one labelled), an MLP path on the strength
    /// alone and one on the latent and the strength, and two method tensors (float32 and float64).
    static func baseDirections() -> DirectionsFile {
        let d = 4
        func layer(_ outputs: Int, _ inputs: Int, _ activation: MLPPath.Activation, _ seed: Int) -> MLPPath.Layer {
            MLPPath.Layer(weight: Tensor(shape: [outputs, inputs], storage: (0..<(outputs * inputs)).map { Float(($0 + seed) % 5) / 4 - 0.5 }),
                          bias: Tensor(shape: [outputs], storage: (0..<outputs).map { Float(($0 + seed) % 3) / 10 }),
                          activation: activation)
        }
        let directions = [
            DiscoveredDirection(id: "C0", sigma: 1.5, path: .linear([1, 0, 0, 0]), summary: "first component",
                                details: ["variance": 2.25]),
            DiscoveredDirection(id: "C1", label: "lightness.light", sigma: 0.75, path: .linear([0, 0.6, 0.8, 0]),
                                summary: "second component"),
            DiscoveredDirection(id: "P0", sigma: 1, path: .mlp(MLPPath(layers: [layer(3, 1, .tanh, 1), layer(d, 3, .identity, 2)],
                                                                         conditionedOnLatent: false)),
                                summary: "a curved path"),
            DiscoveredDirection(id: "P1", label: "smile+", sigma: 2,
                                path: .mlp(MLPPath(layers: [layer(2, d + 1, .leakyRelu, 3), layer(2, 2, .relu, 4), layer(d, 2, .identity, 5)],
                                                   conditionedOnLatent: true)),
                                summary: "a path that depends on the latent"),
        ]
        return DirectionsFile(generator: GeneratorIdentity(identifier: "fuzz-gan", checkpointSHA256: nil, latentDimension: d),
                              method: "tca", settings: ["block": "1"], directions: directions,
                              methodTensors: ["tca.mean": (NumericArray(Tensor(shape: [d], storage: [0, 0.5, -0.5, 1])), "the mean latent"),
                                              "tca.basis": (NumericArray(shape: [2, 2], data: .float64([1, 0, 0, 1])), "a basis")])
    }

    /// Run manifests as the Trainer writes them: a multiclass target with a protected attribute, a binary one.
    static func runManifests() throws -> [(name: String, bytes: Data)] {
        var multiclass = RunManifest(target: "color", multiclass: 5, protected: ["lightness"], datasetPath: "data/set",
                                     datasetSHA256: String(repeating: "a", count: 64), samples: 10,
                                     generator: "dcgan-digiface-64", generatorSHA256: String(repeating: "b", count: 64))
        multiclass.files = ["color.bundle.safetensors", "color.classifier.safetensors", "lightness.classifier.safetensors", "reports"]
        var binary = RunManifest(target: "smile", multiclass: nil, protected: [], datasetPath: "/elsewhere/faces",
                                 datasetSHA256: String(repeating: "c", count: 64), samples: 2000, generator: "external", generatorSHA256: nil)
        binary.files = ["reports", "smile.bundle.safetensors", "smile.classifier.safetensors"]
        return [("multiclass.run.json", try multiclass.encoded()), ("binary.run.json", try binary.encoded())]
    }

    /// A saved page model of `ReaderProbe.curationDataset`: two folds of 3-4-1 classifiers trained on its
    /// labels but sample 4's, with a history of two figures.
    static func writeBaseCurationModel(to path: String) throws {
        let (latents, attribute, _) = ReaderProbe.curationDataset
        var random = RandomSource(seed: 14)
        let architecture = ClassifierArchitecture(inputDimension: 3, hidden: [4], classCount: 2)
        let classifiers = (0..<2).map { _ in MLPClassifier(architecture: architecture, random: &random) }
        let figures = HeldOutFigures(labels: 3, accuracy: 2.0 / 3, majorityRate: 2.0 / 3, majorityClass: 0, balancedAccuracy: 0.75)
        let model = CurationModel(classifiers: classifiers, trainedLabels: [1, 0, nil, 0, nil, nil], figures: figures, latents: latents)
        let earlier = HeldOutFigures(labels: 2, accuracy: 0.5, majorityRate: 0.5, majorityClass: 0, balancedAccuracy: 0.5)
        try saveCurationModel(model, history: [earlier, figures], attribute: attribute, latents: latents, to: path)
    }

    /// Every seed file (name and bytes) of the three targets, with the base files, written in `scratch`.
    static func all(_ scratch: TemporaryDirectory) throws -> [(path: String, bytes: Data)] {
        try baseDirections().write(to: scratch.path("directions.safetensors"))
        try writeBaseCurationModel(to: scratch.path("model.safetensors"))
        let directions = try Data(contentsOf: URL(fileURLWithPath: scratch.path("directions.safetensors")))
        let model = try Data(contentsOf: URL(fileURLWithPath: scratch.path("model.safetensors")))
        let directionsJSON = try #require(try readSafeTensors(scratch.path("directions.safetensors")).metadata[DirectionsFile.metadataKey])
        let modelJSON = try #require(try readSafeTensors(scratch.path("model.safetensors")).metadata["curation_model"])
        return [
            ("base.directions.safetensors", directions),
            ("FuzzDirections/whole-base", Data([1]) + directions),
            ("FuzzDirections/metadata-base", Data([0]) + Data(directionsJSON.utf8)),
            ("base.curation-model.safetensors", model),
            ("FuzzCurationModel/whole-base", Data([1]) + model),
            ("FuzzCurationModel/metadata-base", Data([0]) + Data(modelJSON.utf8)),
        ] + (try runManifests()).map { ("FuzzRunManifest/\($0.name)", $0.bytes) }
    }
}

@Suite("The fuzz seeds of the directions, run manifest and saved model readers")
struct FuzzSeedFileTests {
    /// `GRADCTRL_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzSeedFile` writes them into `Fuzz/Seeds`.
    @Test("the seeds in Fuzz/Seeds are what the library writes today, and each probe accepts them")
    func seedsAreCurrent() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let seeds = packageRoot.appendingPathComponent("Fuzz/Seeds")
        for (name, bytes) in try FuzzSeedFiles.all(scratch) {
            let url = seeds.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["GRADCTRL_WRITE_FUZZ_SEEDS"] != nil {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
            }
            #expect((try? Data(contentsOf: url)) == bytes, "Fuzz/Seeds/\(name) is not what the library writes")
        }
        for probe in [ReaderProbe.directions, .runManifest, .curationModel] {
            let base = try probe.base(root: packageRoot.path)
            for file in corpusFiles("Seeds", probe) {
                #expect(probe.probe(try Data(contentsOf: file), base: base) == nil, "\(file.lastPathComponent) was refused")
            }
        }
    }
}
