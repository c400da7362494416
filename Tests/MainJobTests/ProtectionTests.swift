import CommandTestSupport
import Dataset
import Editing
import Bundles
import Foundation
import Generator
@testable import MainJob
import Labellers
import NumericCore
import TensorFormats
import Testing
import Trainer

@Suite("Default protection and attributes in progress")
struct ProtectionTests {
    @Test("an attribute with no labels yet is left out of the default protection with one line, not a failure")
    func attributeInProgressIsLeftOut() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        let sampler = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                                         labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: 2)
        var dataset = try sampler.write(to: folder + "/set")
        let age = Attribute(name: "age", kind: .binary, classes: ["young", "old"], origin: .manual(file: "age.csv"))
        dataset = try dataset.setting(age, labels: [Int?](repeating: nil, count: dataset.count))
        try dataset.save(to: folder + "/set")
        var options = quickOptions("lightness", folder: folder)
        var lines = [String]()
        _ = try trainAndExport(options) { lines.append($0) }
        #expect(lines.contains { $0.hasPrefix("not protecting 'age': ") }, "\(lines)")
        let plan = try TrainingPlan(target: "lightness", multiclass: nil, protected: nil, options: options.training, in: dataset)
        #expect(plan.protectedNames == ["light_side"])
        #expect(plan.leftOut.map(\.name) == ["age"])
        // Named explicitly, it is still refused with the reason.
        options.protected = ["age"]
        var message = ""
        do { _ = try trainAndExport(options) { _ in } } catch { message = "\(error)" }
        #expect(message.hasPrefix("age: "), "\(message)")
    }
}

@Suite("Baselines beside accuracies")
struct BaselineTests {
    @Test("the Trainer's log and the bundle give the held-out majority-class rate beside the held-out accuracy")
    func majorityRate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        let dataset = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                                         labellers: try BuiltInLabellers.named(["lightness"]), count: 300, seed: 5)
            .write(to: folder + "/set")
        let options = quickOptions("lightness", folder: folder)
        var lines = [String]()
        _ = try trainAndExport(options) { lines.append($0) }
        let trainedLine = try #require(lines.first { $0.hasPrefix("trained lightness ") })
        // The baseline is the held-out half's most common class: every second validation sample.
        let split = try dataset.trainingSplit(attribute: "lightness", options: options.training.split)
        let heldOut = split.validation.enumerated().filter { $0.offset % 2 == 1 }.map { dataset.labels[0][$0.element]! }
        let majority = Double(max(heldOut.filter { $0 == 0 }.count, heldOut.filter { $0 == 1 }.count)) / Double(heldOut.count)
        #expect(trainedLine.contains(String(format: "(majority class %.3f)", majority)), "\(trainedLine)")
        #expect(trainedLine.contains("(chance 0.500)"))
    }
}

@Suite("Edit steps in a latent space's own units")
struct StepScaleTests {
    @Test("a bundle for 512-d imported latents of spread 0.05 steps 7.5% of their mean norm, not the DCGAN's 0.75")
    func stepFollowsTheSpace() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let folder = directory.url.path
        var random = RandomSource(seed: 12)
        let (n, d) = (600, 512)
        let latents = Tensor(shape: [n, d], storage: random.normals(n * d).map { $0 * 0.05 })
        try writeNpy(latents, to: folder + "/w.npy")
        var csv = "index,side\n"
        for row in 0..<n { csv += "\(row),\(latents.storage[row * d] > 0 ? 1 : 0)\n" }
        try csv.write(toFile: folder + "/w.csv", atomically: true, encoding: .utf8)
        try importExternalDataset(latentsPath: folder + "/w.npy", labelsPath: folder + "/w.csv", classes: ["side": ["neg", "pos"]])
            .save(to: folder + "/set")
        var options = quickOptions("side", folder: folder)
        options.training.training.epochs = 3
        options.pathAugmentation.latents = nil
        var lines = [String]()
        _ = try trainAndExport(options) { lines.append($0) }
        let bundle = try EditBundle.read(from: folder + "/checkpoints/set/side/side.bundle.safetensors")
        let expected = Float(0.05 * Double(d).squareRoot()) * defaultStepShareOfNorm
        #expect(abs(bundle.editDefaults.stepLength - expected) < 0.03 * expected, "\(bundle.editDefaults.stepLength) against \(expected)")
        #expect(lines.contains { $0.hasPrefix("edit step ") }, "\(lines)")
    }
}

/// Main-job options for a quick run on `<folder>/set` into `<folder>/checkpoints`: 2 epochs, no path augmentation,
/// 50 held-out latents.
func quickOptions(_ attribute: String, folder: String) -> TrainAndExportOptions {
    var options = TrainAndExportOptions(attribute: attribute, multiclass: nil)
    options.datasetFolder = folder + "/set"
    options.outputFolder = folder + "/checkpoints"
    options.training.training.epochs = 2
    options.pathAugmentation.latents = 0
    options.heldOutLatents = 50
    return options
}
