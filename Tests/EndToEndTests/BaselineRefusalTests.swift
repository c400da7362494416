import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

/// A target no better than its baseline is not exported without --force, and the refusal says how many labels of
/// which class would help.
@Suite("A degenerate target is not exported without --force", .serialized)
struct BaselineRefusalTests {
    @Test("labels with no relation to the latents: one line with the baseline and the labels wanted, nothing written; --force exports and the bundle records it")
    func degenerateTarget() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // 600 latents whose "glasses" label is a coin toss weighted 1 in 6, independent of the latent.
        let latents = gaussianLatents(600, 24, seed: 41)
        try writeNpy(latents, to: directory.path("z.npy"))
        var random = RandomSource(seed: 42)
        let labels = (0..<600).map { _ in random.uniform(0, 1) < 1.0 / 6 ? "yes" : "no" }
        let csv = try directory.write("index,glasses\n" + labels.enumerated().map { "\($0.offset),\($0.element)\n" }.joined(),
                                      to: "labels.csv")
        let imported = try runProduct("Dataset", ["import-latents", "--latents", directory.path("z.npy"), "--labels", csv,
                                                  "--classes", "glasses=no,yes", "--out", directory.path("set")], in: directory.url)
        #expect(imported.status == 0, "\(imported.error)")
        let checkpoints = directory.path("checkpoints")
        let refused = try runProduct("Trainer", ["--attribute", "glasses", "--dataset", directory.path("set"), "--protect", "none",
                                                 "--out", checkpoints], in: directory.url)
        #expect(refused.status == 1, "\(refused.output)")
        let line = try #require(refused.error.split(separator: "\n").first { $0.hasPrefix("Error: ") })
        let yes = labels.filter { $0 == "yes" }.count
        #expect(line.contains("glasses: held-out balanced accuracy ") && line.contains("(90 samples; chance 0.500") && line.contains(") is no better than its baseline"), "\(line)")
        #expect(line.contains("labels per class: 'no' \(600 - yes), 'yes' \(yes)") && line.hasSuffix("no bundle was written (--force exports anyway)"), "\(line)")
        #expect(!FileManager.default.fileExists(atPath: "\(checkpoints)/set/glasses/glasses.bundle.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: "\(checkpoints)/set/glasses/glasses.classifier.safetensors"))

        let forced = try runProduct("Trainer", ["--attribute", "glasses", "--dataset", directory.path("set"), "--protect", "none",
                                                "--force", "--out", checkpoints], in: directory.url)
        #expect(forced.status == 0, "\(forced.error)")
        #expect(forced.error.contains("warning: glasses: held-out balanced accuracy") && forced.error.contains("exported anyway, as asked"))
        let metadata = try readSafeTensors("\(checkpoints)/set/glasses/glasses.bundle.safetensors").metadata["gradctrl.bundle"] ?? ""
        let document = try #require(try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as? [String: Any])
        let metrics = try #require((document["target"] as? [String: Any])?["trainingMetrics"] as? [String: Double])
        #expect(metrics["forcedBelowBaseline"] == 1 && (metrics["balancedHeldOutAccuracy"] ?? 1) <= 0.55, "\(metrics)")
        #expect(metrics["heldOutMajorityRate"] != nil && metrics["validationMajorityRate"] != nil, "\(metrics)")
        // The warning itself travels with the bundle, and the Editor prints it before editing.
        let warnings = try #require(document["warnings"] as? [String])
        #expect(warnings.count == 1 && warnings[0].hasPrefix("exported although forced below its baseline: glasses: "), "\(warnings)")
        let edit = try runProduct("Editor", ["--bundle", "\(checkpoints)/set/glasses/glasses.bundle.safetensors", "--count", "4",
                                             "--out", directory.path("edits")], in: directory.url)
        #expect(edit.error.contains("warning: the bundle says: exported although forced below its baseline: glasses: "), "\(edit.error)")
        // The metrics JSON puts the baseline beside the validation accuracy.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(checkpoints)/set/glasses/reports/glasses.metrics.json"))) as? [String: Any]
        #expect(report?["validationMajorityRate"] as? Double != nil, "\(String(describing: report))")
    }
}
