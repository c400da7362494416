import Dataset
import Foundation
import Generator
@testable import Jobs
import Labellers
import Testing

@Suite("Default protection and attributes in progress")
struct ProtectionTests {
    @Test("an attribute with no labels yet is left out of the default protection with one line, not a failure")
    func attributeInProgressIsLeftOut() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("protection-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sampler = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                                         labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: 2)
        var dataset = try sampler.write(to: folder + "/set")
        let age = Attribute(name: "age", kind: .binary, classes: ["young", "old"], origin: .manual(file: "age.csv"))
        dataset = try dataset.setting(age, labels: [Int?](repeating: nil, count: dataset.count))
        try dataset.save(to: folder + "/set")
        var options = TrainAndExportOptions(attribute: "lightness", multiclass: nil)
        options.datasetFolder = folder + "/set"
        options.outputFolder = folder + "/checkpoints"
        options.training.training.epochs = 2
        options.pathAugmentation.latents = 0
        options.heldOutLatents = 50
        var lines = [String]()
        _ = try trainAndExport(options) { lines.append($0) }
        #expect(lines.contains { $0.hasPrefix("not protecting 'age': ") }, "\(lines)")
        #expect(try protectedAttributeNames(options, dataset: dataset) == ["light_side"])
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dataset = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                                         labellers: try BuiltInLabellers.named(["lightness"]), count: 300, seed: 5)
            .write(to: folder + "/set")
        var options = TrainAndExportOptions(attribute: "lightness", multiclass: nil)
        options.datasetFolder = folder + "/set"
        options.outputFolder = folder + "/checkpoints"
        options.training.training.epochs = 2
        options.pathAugmentation.latents = 0
        options.heldOutLatents = 50
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

@Suite("Runs for different attributes")
struct SeparateRunsTests {
    @Test("a run for another attribute leaves the first run's classifiers and bundle as they were")
    func runsDoNotOverwriteEachOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try DatasetSampler(generator: try DCGANGenerator.embedded(),
                               labellers: try BuiltInLabellers.named(["lightness", "light_side"]), count: 300, seed: 6)
            .write(to: folder + "/set")
        func run(_ attribute: String) throws {
            var options = TrainAndExportOptions(attribute: attribute, multiclass: nil)
            options.datasetFolder = folder + "/set"
            options.outputFolder = folder + "/checkpoints"
            options.training.training.epochs = 2
            options.pathAugmentation.latents = 0
            options.heldOutLatents = 50
            _ = try trainAndExport(options) { _ in }
        }
        try run("lightness")
        let first = ["lightness.classifier.safetensors", "lightness-protects-light_side.classifier.safetensors",
                     "lightness.bundle.safetensors"]
        let before = try first.map { try Data(contentsOf: URL(fileURLWithPath: "\(folder)/checkpoints/\($0)")) }
        try run("light_side")
        let after = try first.map { try Data(contentsOf: URL(fileURLWithPath: "\(folder)/checkpoints/\($0)")) }
        #expect(before == after)
        #expect(FileManager.default.fileExists(atPath: "\(folder)/checkpoints/light_side-protects-lightness.classifier.safetensors"))
    }
}
