import CommandTestSupport
import Foundation
import LatentClassifier
import NumericCore
import TensorFormats
import Testing
import Trainer

@Suite("Classifier checkpoints")
struct ClassifierCheckpointTests {
    /// A fresh folder for each test's files (each test runs on its own instance); every test removes it.
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// A checkpoint of a briefly trained 3-class classifier.
    func trainedCheckpoint() throws -> ClassifierCheckpoint {
        let problem = SyntheticProblem.clusters(count: 150, dimension: 5, classes: 3, scale: 2, offset: 1, seed: 9)
        let result = try train(problem, classes: 3, configuration: TrainingConfiguration(epochs: 3,
                                                                                         classWeighting: .balanced))
        return ClassifierCheckpoint(training: result, attribute: "hair colour",
                                    provenance: ["generator": "dcgan-digiface-64", "latents": "data/z.npy"])
    }

    /// Writes the tensors of `checkpoint` with the metadata JSON object changed by `edit`; returns the path.
    func writeEdited(_ checkpoint: ClassifierCheckpoint, name: String,
                     tensors edit: (inout [String: Tensor]) -> Void = { _ in },
                     metadata editJSON: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let path = directory.path("\(name).safetensors")
        try checkpoint.write(to: path)
        let file = try readSafeTensors(path)
        var tensors = [String: Tensor]()
        for name in file.names { tensors[name] = try file.tensor(name) }
        edit(&tensors)
        let json = try #require(file.metadata[ClassifierCheckpointInfo.metadataKey])
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        editJSON(&object)
        let edited = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        try writeSafeTensors(tensors, metadata: [ClassifierCheckpointInfo.metadataKey: edited], to: path)
        return path
    }

    /// The description of the error loading `path` throws, or nil if it loads.
    func loadError(_ path: String) -> String? {
        thrownDescription { _ = try ClassifierCheckpoint(contentsOf: path) }
    }

    @Test func roundTripKeepsWeightsAndDescription() throws {
        defer { directory.cleanUp() }
        let checkpoint = try trainedCheckpoint()
        let path = directory.path("colour.safetensors")
        try checkpoint.write(to: path)
        let loaded = try ClassifierCheckpoint(contentsOf: path)
        #expect(loaded.info == checkpoint.info)
        #expect(loaded.info.attribute == "hair colour" && loaded.info.classNames == ["class0", "class1", "class2"])
        #expect(loaded.info.training?.classWeighting == .balanced && loaded.info.standardized)
        #expect(loaded.info.metrics?.epochsRun == 3)
        #expect(loaded.info.provenance["latents"] == "data/z.npy")
        #expect(loaded.classifier.parameters == checkpoint.classifier.parameters)
        #expect(loaded.classifier.standardization == checkpoint.classifier.standardization)
        let z = Tensor(shape: [4, 5], storage: (0..<20).map { Float($0) / 7 - 1 })
        #expect(loaded.classifier.probabilities(z) == checkpoint.classifier.probabilities(z))
    }

    @Test func unstandardisedClassifierRoundTrips() throws {
        defer { directory.cleanUp() }
        var random = RandomSource(seed: 3)
        let architecture = ClassifierArchitecture(inputDimension: 4, hidden: [], classCount: 2)
        let checkpoint = ClassifierCheckpoint(
            classifier: MLPClassifier(architecture: architecture, random: &random),
            info: ClassifierCheckpointInfo(attribute: "smile", classNames: ["neutral", "smiling"],
                                           architecture: architecture, standardized: false))
        let path = directory.path("smile.safetensors")
        try checkpoint.write(to: path)
        let loaded = try ClassifierCheckpoint(contentsOf: path)
        #expect(loaded.info == checkpoint.info && loaded.info.training == nil && loaded.info.metrics == nil)
        #expect(loaded.classifier.parameters == checkpoint.classifier.parameters)
    }

    @Test func corruptCheckpointsAreRefusedNamingFileAndProblem() throws {
        defer { directory.cleanUp() }
        let checkpoint = try trainedCheckpoint()
        let cases: [(String, String, (inout [String: Tensor]) -> Void, (inout [String: Any]) -> Void)] = [
            ("missing-tensor", "tensor 'layers.1.bias' is missing", { $0["layers.1.bias"] = nil }, { _ in }),
            ("wrong-shape", "tensor 'layers.0.weight' has shape [5, 16], expected [16, 5]",
             { $0["layers.0.weight"] = Tensor(shape: [5, 16]) }, { _ in }),
            ("extra-tensor", "unexpected tensor 'layers.2.weight' for a 5-16-3 softmax classifier",
             { $0["layers.2.weight"] = Tensor(shape: [1]) }, { _ in }),
            ("non-finite", "tensor 'layers.1.weight' holds NaN or infinite values",
             { $0["layers.1.weight"]!.storage[3] = .nan }, { _ in }),
            ("tiny-deviation", "tensors 'standardization.mean' and '.deviation' overflow the first layer (a deviation too small or a mean more than 1000000000 deviations from 0)",
             { $0["standardization.deviation"]!.storage[0] = .leastNonzeroMagnitude }, { _ in }),
            ("huge-mean", "tensors 'standardization.mean' and '.deviation' overflow the first layer (a deviation too small or a mean more than 1000000000 deviations from 0)",
             { $0["standardization.mean"]!.storage[0] = 3e38 }, { _ in }),
            ("version", "classifier format version 2; this build reads version 1",
             { _ in }, { $0["formatVersion"] = 2 }),
            ("no-version", "metadata 'gradctrl.classifier': missing field 'formatVersion'",
             { _ in }, { $0["formatVersion"] = nil }),
            ("missing-field", "metadata 'gradctrl.classifier': missing field 'classNames'",
             { _ in }, { $0["classNames"] = nil }),
            ("wrong-type", "metadata 'gradctrl.classifier': wrong type at 'architecture.hidden'",
             { _ in }, { object in
                 var architecture = object["architecture"] as! [String: Any]
                 architecture["hidden"] = "sixteen"
                 object["architecture"] = architecture
             }),
            ("class-names", "2 class names for 3 classes", { _ in }, { $0["classNames"] = ["a", "b"] }),
            ("duplicate-names", "class names [\"a\", \"a\", \"b\"] must be distinct and non-empty",
             { _ in }, { $0["classNames"] = ["a", "a", "b"] }),
            ("architecture", "invalid architecture: a sigmoid head with 3 classes", { _ in }, { object in
                var architecture = object["architecture"] as! [String: Any]
                architecture["head"] = "sigmoid"
                object["architecture"] = architecture
            }),
            ("standardisation-flag",
             "the metadata says the inputs are not standardised, but the standardisation tensors are not the identity",
             { _ in }, { $0["standardized"] = false }),
        ]
        for (name, problem, editTensors, editJSON) in cases {
            let path = try writeEdited(checkpoint, name: name, tensors: editTensors, metadata: editJSON)
            #expect(loadError(path) == "\(path): \(problem)", "case \(name)")
        }
    }

    @Test func malformedOrMissingMetadataIsRefused() throws {
        defer { directory.cleanUp() }
        let checkpoint = try trainedCheckpoint()
        let tensors = Dictionary(uniqueKeysWithValues: checkpoint.classifier.namedTensors().map { ($0.name, $0.tensor) })
        let bare = directory.path("bare.safetensors")
        try writeSafeTensors(tensors, to: bare)
        #expect(loadError(bare) == "\(bare): no 'gradctrl.classifier' metadata: not a classifier checkpoint")
        let broken = directory.path("broken.safetensors")
        try writeSafeTensors(tensors, metadata: [ClassifierCheckpointInfo.metadataKey: "{\"formatVersion\": 1,"], to: broken)
        let message = try #require(loadError(broken))
        #expect(message.hasPrefix("\(broken): metadata 'gradctrl.classifier': malformed JSON"), "\(message)")
        #expect(!message.contains("\n"))
        let duplicated = directory.path("duplicated.safetensors")
        try writeSafeTensors(tensors, metadata: [ClassifierCheckpointInfo.metadataKey: "{\"formatVersion\": 1, \"formatVersion\": 2}"], to: duplicated)
        #expect(loadError(duplicated)?.contains("duplicate key \"formatVersion\"") == true, "\(loadError(duplicated) ?? "")")
        let notSafetensors = directory.path("text.safetensors")
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notSafetensors))
        #expect(loadError(notSafetensors)?.hasPrefix(notSafetensors) == true)
    }
}
