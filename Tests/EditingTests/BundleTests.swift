import CommandTestSupport
import Diagnostics
import Generator
import Testing
import Editing
import Bundles
import Foundation
import LatentClassifier
import NumericCore
import Saliency
import TensorFormats

@Suite("Edit bundles: round trip, overrides, and refusal of broken files")
struct BundleTests {
    /// The message of the error reading `path`, or "accepted".
    func refusal(_ path: String, expecting generator: GeneratorIdentity? = nil) -> String {
        do { _ = try EditBundle.read(from: path, expecting: generator) } catch { return "\(error)" }
        return "accepted"
    }

    @Test func aBundleReadsBackAsWrittenAndItsBytesAreReproducible() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle()
        let path = directory.path("color.safetensors")
        try bundle.write(to: path)
        let read = try EditBundle.read(from: path, expecting: bundle.generator)
        #expect(read.generator == bundle.generator && read.dataset == bundle.dataset)
        #expect(read.method == bundle.method && read.maskChoice == bundle.maskChoice && read.editDefaults == bundle.editDefaults)
        for (a, b) in zip([read.target] + read.protected, [bundle.target] + bundle.protected) {
            #expect(a.name == b.name && a.classNames == b.classNames && a.trainingMetrics == b.trainingMetrics)
            #expect(a.classifier.parameters == b.classifier.parameters && a.classifier.architecture == b.classifier.architecture)
            #expect(a.classifier.standardization == b.classifier.standardization)
            #expect(a.saliency == b.saliency)
        }
        try bundle.write(to: directory.path("again.safetensors"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(contentsOf: URL(fileURLWithPath: directory.path("again.safetensors"))))
        let file = try readSafeTensors(path)
        #expect(file.tensors["saliency.side.ranking"]?.shape == [3, 10] && file.tensors["saliency.light.ranking"]?.shape == [1, 10])
        #expect(file.tensors["protected.light.layers.1.weight"]?.shape == [1, 16])
        let z = gaussianLatents(4, 10, seed: 55)
        let target = try read.editTarget(toClass: "green")
        #expect(try editStep(z, target: target, protected: read.protectedAttributes, method: read.method, settings: read.editDefaults).latents
                == editStep(z, target: bundle.editTarget(toClass: "green"), protected: bundle.protectedAttributes,
                            method: bundle.method, settings: bundle.editDefaults).latents)
        #expect(read.editTargets.map(\.classIndex) == [0, 1, 2])
    }

    @Test func theMetadataIsOneJSONDocumentWithEveryDocumentedField() throws {
        let bundle = try makeBundle()
        let json = try JSONSerialization.jsonObject(with: Data(bundle.metadataJSON().utf8)) as! [String: Any]
        #expect(Set(json.keys) == ["format", "formatVersion", "generator", "target", "protected", "method", "maskChoice", "editDefaults", "dataset"])
        #expect(json["format"] as? String == "gradctrl-edit-bundle" && json["formatVersion"] as? Int == 4)
        let target = json["target"] as! [String: Any]
        #expect(target["kind"] as? String == "multiclass" && target["classNames"] as? [String] == ["red", "green", "blue"])
        #expect(target["tensorPrefix"] as? String == "target." && target["inputNormalization"] as? String == "standardization")
        let architecture = target["architecture"] as! [String: Any]
        #expect(architecture["hidden"] as? [Int] == [16] && architecture["head"] as? String == "softmax")
        let generator = json["generator"] as! [String: Any]
        #expect(generator["latentDimension"] as? Int == 10 && generator["identifier"] as? String == "test-gen")
        #expect(((json["maskChoice"] as! [String: Any])["rows"] as! [Any]).count >= 5)
        #expect((json["editDefaults"] as! [String: Any])["stepLength"] as? Double == 0.5)
    }

    @Test func overridesPickProtectedAttributesAndBudgetsAsTheOriginalCommandLineDid() throws {
        let bundle = try makeBundle(method: .masked(budgets: ["light": 2, "side": 1]))
        let both = try bundle.maskingOverride(exclude: nil, topChannels: nil)
        #expect(both.protected.map(\.name) == ["light", "side"] && both.method == .masked(budgets: ["light": 2, "side": 1]))
        let one = try bundle.maskingOverride(exclude: ["side"], topChannels: [4])
        #expect(one.protected.map(\.name) == ["side"] && one.method == .masked(budgets: ["side": 4]))
        #expect(try bundle.maskingOverride(exclude: ["side", "light"], topChannels: [3]).method == .masked(budgets: ["side": 3, "light": 3]))
        func problem(_ exclude: [String]?, _ top: [Int]?) -> String {
            do { _ = try bundle.maskingOverride(exclude: exclude, topChannels: top) } catch { return "\(error)" }
            return "accepted"
        }
        #expect(problem(["age"], nil) == "<bundle>: the bundle has no classifier for protected attribute 'age' (it has: light, side)")
        #expect(problem(["light", "side"], [1, 2, 3]) == "topChannels: 3 budgets for 2 protected attributes (light, side); give one per attribute or one for all")
        #expect(problem(["light"], [-1]) == "topChannels: budgets must not be negative, got -1")
        #expect(problem(["light"], [11]) == "<bundle>: channel budget 11 for 'light' is outside 0...10")
        #expect(problem(nil, nil) == "accepted")
        #expect(throws: FileError(path: "<bundle>", problem: "attribute 'color' has no class 'purple' (classes: 0 red, 1 green, 2 blue)")) {
            try bundle.editTarget(toClass: "purple")
        }
    }

    @Test func brokenBundlesAreRefusedWithAClearMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle()
        let good = directory.path("good.safetensors")
        try bundle.write(to: good)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let metadata = [EditBundle.metadataKey: try bundle.metadataJSON()]
        func write(_ name: String, _ arrays: [String: NumericArray], _ metadata: [String: String]) throws -> String {
            try writeSafeTensors(arrays: arrays, metadata: metadata, to: directory.path(name))
            return directory.path(name)
        }

        let truncated = directory.path("truncated.safetensors")
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: truncated))
        #expect(refusal(truncated).hasPrefix(truncated + ": "))
        #expect(refusal(truncated).contains("past the end") || refusal(truncated).contains("bytes"), "\(refusal(truncated))")
        let cut = directory.path("cut.safetensors")
        try bytes.prefix(20).write(to: URL(fileURLWithPath: cut))
        #expect(refusal(cut).hasPrefix(cut + ": "))

        let badJSON = try write("bad-json.safetensors", bundle.arrays, [EditBundle.metadataKey: "{\"format\": \"gradctrl-edit-bundle\", "])
        #expect(refusal(badJSON).hasPrefix("\(badJSON): metadata 'gradctrl.bundle': malformed JSON"))
        let noMetadata = try write("no-metadata.safetensors", bundle.arrays, [:])
        #expect(refusal(noMetadata) == "\(noMetadata): no 'gradctrl.bundle' entry in the safetensors metadata: not an edit bundle")
        let json = metadata[EditBundle.metadataKey]!
        let missingField = try write("missing-field.safetensors", bundle.arrays,
                                     [EditBundle.metadataKey: json.replacingOccurrences(of: "\"stepLength\":0.5,", with: "")])
        #expect(refusal(missingField) == "\(missingField): metadata 'gradctrl.bundle': missing field 'editDefaults.stepLength'")
        let newer = try write("newer.safetensors", bundle.arrays,
                              [EditBundle.metadataKey: json.replacingOccurrences(of: "\"formatVersion\":4", with: "\"formatVersion\":5")])
        #expect(refusal(newer) == "\(newer): bundle format version 5; this program reads versions 1 to 4")
        let badStep = try write("bad-step.safetensors", bundle.arrays,
                                [EditBundle.metadataKey: json.replacingOccurrences(of: "\"stepLength\":0.5", with: "\"stepLength\":-1")])
        #expect(refusal(badStep) == "\(badStep): metadata 'gradctrl.bundle': invalid value at 'editDefaults': the step length must be positive and finite, got -1.0")

        var arrays = bundle.arrays
        arrays["protected.side.layers.0.weight"] = nil
        let missing = try write("missing.safetensors", arrays, metadata)
        #expect(refusal(missing) == "\(missing): tensor 'protected.side.layers.0.weight' is missing")
        arrays = bundle.arrays
        arrays["target.layers.1.bias"] = NumericArray(Tensor(shape: [4]))
        let misshapen = try write("misshapen.safetensors", arrays, metadata)
        #expect(refusal(misshapen) == "\(misshapen): tensor 'target.layers.1.bias' has shape [4], expected [3]")
        arrays = bundle.arrays
        arrays["saliency.color.sensitivity"] = NumericArray(Tensor(shape: [9]))
        let badSaliency = try write("bad-saliency.safetensors", arrays, metadata)
        #expect(refusal(badSaliency) == "\(badSaliency): tensor 'saliency.color.sensitivity' has shape [9], expected [10]")
        arrays = bundle.arrays
        arrays["saliency.light.sensitivity_ranking"] = NumericArray(shape: [10], data: .int32((0..<10).map(Int32.init)))
        let badRanking = try write("bad-ranking.safetensors", arrays, metadata)
        #expect(refusal(badRanking) == "\(badRanking): tensor 'saliency.light.sensitivity_ranking' row 0 does not rank the channels by their saliency")
        arrays = bundle.arrays
        arrays["extra"] = NumericArray(Tensor(shape: [1]))
        let extra = try write("extra.safetensors", arrays, metadata)
        #expect(refusal(extra) == "\(extra): unexpected tensor 'extra' (a bundle holds only its classifiers and their saliency)")

        let other = GeneratorIdentity(identifier: "dcgan-digiface-64", checkpointSHA256: String(repeating: "cd", count: 32), latentDimension: 10)
        #expect(refusal(good, expecting: other)
                == "\(good): made for generator test-gen (sha abababababab…), not dcgan-digiface-64 (sha cdcdcdcdcdcd…)")
        let wider = GeneratorIdentity(identifier: "test-gen", checkpointSHA256: String(repeating: "ab", count: 32), latentDimension: 512)
        #expect(refusal(good, expecting: wider) == "\(good): made for 10-dimensional latents, but generator test-gen has 512")
        #expect(refusal(good, expecting: GeneratorIdentity(identifier: "external", checkpointSHA256: nil, latentDimension: 10))
                == "\(good): made for generator test-gen (sha abababababab…), not external (no checkpoint)")
        let lying = try write("lying-dimension.safetensors", bundle.arrays,
                              [EditBundle.metadataKey: json.replacingOccurrences(of: "\"latentDimension\":10", with: "\"latentDimension\":12")])
        #expect(refusal(lying) == "\(lying): attribute 'color': its classifier takes 10-dimensional latents, the bundle's generator has 12")
        #expect(refusal(good) == "accepted")
    }

    @Test(arguments: [EditMethod.plain, .projected, .masked(budgets: ["light": 2, "side": 1])])
    func aVersion1BundleLoadsAndEditsAsBefore(method: EditMethod) throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle(method: method, keepNorm: true)
        let json = try bundle.metadataJSON()
        #expect(json.contains("\"formatVersion\":4"))
        let path = directory.path("v1.safetensors")
        try writeSafeTensors(arrays: bundle.arrays, metadata: [EditBundle.metadataKey: json.replacingOccurrences(of: "\"formatVersion\":4", with: "\"formatVersion\":1")],
                             to: path)
        let read = try EditBundle.read(from: path)
        #expect(read.method == method)
        let z = gaussianLatents(6, 10, seed: 56)
        let settings = read.editDefaults
        #expect(try editLatents(z, target: read.editTarget(toClass: "blue"), protected: read.protectedAttributes, method: read.method,
                                settings: settings).path
                == editLatents(z, target: bundle.editTarget(toClass: "blue"), protected: bundle.protectedAttributes,
                               method: bundle.method, settings: settings).path)
    }

    @Test func aVersion1BundleCannotHoldTheRestoredMethod() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let bundle = try makeBundle(method: .restored(rounds: 2))
        let json = try bundle.metadataJSON().replacingOccurrences(of: "\"formatVersion\":4", with: "\"formatVersion\":1")
        let path = directory.path("v1.safetensors")
        try writeSafeTensors(arrays: bundle.arrays, metadata: [EditBundle.metadataKey: json], to: path)
        #expect(refusal(path) == "\(path): method 'restored' needs bundle format version 2, the file says 1")
        let good = directory.path("v2.safetensors")
        try bundle.write(to: good)
        #expect(try EditBundle.read(from: good).method == .restored(rounds: 2))
    }
}

@Suite("Bundle classes by name or index")
struct BundleClassIndexTests {
    @Test("--to takes a class name or its index; anything else names the classes with their indices")
    func classByNameOrIndex() throws {
        let bundle = try makeBundle()
        #expect(try bundle.classIndex(of: "green") == 1)
        #expect(try bundle.classIndex(of: "2") == 2)
        for unknown in ["3", "-1"] {
            #expect(throws: FileError(path: "<bundle>", problem: "attribute 'color' has no class '\(unknown)' (classes: 0 red, 1 green, 2 blue)")) {
                try bundle.classIndex(of: unknown)
            }
            #expect(thrownDescription { _ = try bundle.classIndex(of: unknown) }
                    == "<bundle>: attribute 'color' has no class '\(unknown)' (classes: 0 red, 1 green, 2 blue)")
        }
    }

    @Test func styleLayersRoundTripAndNeedVersion3() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        var bundle = try makeBundle(method: .plain)
        #expect(!(try bundle.metadataJSON()).contains("styleLayers"), "absent when every layer is edited")
        bundle.styleLayers = 2..<5
        let path = directory.path("v3.safetensors")
        try bundle.write(to: path)
        #expect(try EditBundle.read(from: path).styleLayers == 2..<5)
        let json = try bundle.metadataJSON()
        #expect(json.contains("\"styleLayers\":[2,5]"))
        let older = directory.path("v2.safetensors")
        try writeSafeTensors(arrays: bundle.arrays, metadata: [EditBundle.metadataKey: json.replacingOccurrences(of: "\"formatVersion\":4", with: "\"formatVersion\":2")],
                             to: older)
        #expect(BundleTests().refusal(older) == "\(older): 'styleLayers' needs bundle format version 3, the file says 2")
        let reversed = directory.path("reversed.safetensors")
        try writeSafeTensors(arrays: bundle.arrays, metadata: [EditBundle.metadataKey: json.replacingOccurrences(of: "[2,5]", with: "[5,2]")],
                             to: reversed)
        #expect(BundleTests().refusal(reversed) == "\(reversed): 'styleLayers' must be [lo, hi] with 0 ≤ lo < hi ≤ 256, is [5, 2]")
    }
}
