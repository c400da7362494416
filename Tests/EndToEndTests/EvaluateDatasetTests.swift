import CommandTestSupport
import Foundation
import NumericCore
import TensorFormats
import Testing

/// `Evaluate --dataset` on imported latents with attributes no image labeller knows: the cross-fitted judges are the
/// only judges, the held-out latents are the dataset's own samples no classifier trained on, and every report says so.
@Suite("Evaluate on a dataset's own (curated-like) attributes", .serialized)
struct EvaluateDatasetTests {
    @Test("imported latents, glasses:yes without a labeller: runs, writes the CSV and the report, each naming the cross-fitted judge and the baseline; methods that need images are left out with a reason")
    func importedDatasetWithCuratedAttribute() throws {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        // 800 latents in 8 dimensions: glasses = z0 > 0.5 (about 31% yes), smile = z0 + z1 > 0 (a plain edit of
        // glasses moves z0 and flips smile for many latents).
        let (n, d) = (800, 8)
        let latents = gaussianLatents(n, d, seed: 61)
        try writeNpy(latents, to: directory.path("z.npy"))
        var csv = "index,glasses,smile\n"
        for row in 0..<n {
            let z0 = latents.storage[row * d], z1 = latents.storage[row * d + 1]
            csv += "\(row),\(z0 > 0.5 ? "yes" : "no"),\(z0 + z1 > 0 ? "yes" : "no")\n"
        }
        let labels = try directory.write(csv, to: "z.csv")
        let imported = try runProduct("Dataset", ["import-latents", "--latents", directory.path("z.npy"), "--labels", labels,
                                                  "--classes", "glasses=no,yes", "--classes", "smile=no,yes",
                                                  "--out", directory.path("set")], in: directory.url)
        #expect(imported.status == 0, "\(imported.error)")
        let out = directory.path("report")
        let run = try runProduct("Evaluate", ["--dataset", directory.path("set"), "--attributes", "glasses:yes", "--count", "12",
                                              "--lengths", "0.5,1.5", "--steps", "3", "--components", "3", "--out", out],
                                 in: directory.url)
        #expect(run.status == 0, "\(run.error)")
        let judge = "judge classifiers cross-fitted on samples the edit's classifiers never trained on"
        #expect(run.output.contains("glasses -> yes (12 latents, judged by \(judge))"), "\(run.output)")
        #expect(run.output.contains("unedited (baseline)"), "\(run.output)")
        #expect(run.error.contains("judge of 'glasses' (") && run.error.contains("majority class"), "\(run.error)")

        let table = try String(contentsOfFile: "\(out)/evaluation.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let header = table[0].split(separator: ",").map(String.init)
        #expect(header.contains("success_before") && header.contains("unchanged_smile") && header.last == "judge", "\(header)")
        let rows = table.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.count == header.count && $0.last == judge }, "\(table)")
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        let methods = Set(rows.map { $0[column("method")] })
        for method in ["InterFaceGAN", "InterFaceGAN cond.", "GradCtrl plain", "GradCtrl restoring", "random (reference)"] {
            #expect(methods.contains(method), "\(method) in \(methods)")
        }
        // Nothing renders imported latents: no image-space method, no pixel change.
        #expect(!methods.contains("GANSpace") && !methods.contains("SeFa") && !methods.contains("TCA")
                && !methods.contains { $0.hasPrefix("image oracle") }, "\(methods)")
        #expect(rows.allSatisfy { $0[column("mean_pixel_change")].isEmpty && $0[column("latents")] == "12" })
        // The held-out latents are labelled "no" in the dataset; the judge's accuracy there is measured and shown with
        // its majority rate, and what it already calls "yes" is the baseline beside success.
        for row in rows {
            let before = try #require(Double(row[column("success_before")]))
            let accuracy = try #require(Double(row[column("judge_accuracy")]))
            let majority = try #require(Double(row[column("judge_majority_rate")]))
            #expect((0...1).contains(before) && before < 0.5, "\(row)")
            #expect(accuracy > majority && majority >= 0.5, "\(row)")
        }
        // A long enough gradient edit reaches the class by the judge.
        let longest = rows.filter { $0[column("method")] == "GradCtrl plain" && $0[column("length")] == "1.5" }
        let longestRow = try #require(longest.first)
        #expect(try #require(Double(longestRow[column("success")])) > 0.5, "\(longest)")

        // The bundle's defaults on the same 12 latents, in 3 sets of 4, each figure by the same judge.
        let defaults = try String(contentsOfFile: "\(out)/defaults.csv", encoding: .utf8).split(separator: "\n").map(String.init)
        let defaultsHeader = defaults[0].split(separator: ",").map(String.init)
        #expect(defaultsHeader.prefix(7) == ["target", "class", "set", "latents", "success_before", "success", "mean_kept"]
                && defaultsHeader.contains("kept_smile"), "\(defaults)")
        #expect(defaults.count == 4 && defaults.dropFirst().allSatisfy { $0.hasPrefix("glasses,yes,") && $0.hasSuffix("\"\(judge)\"") }, "\(defaults)")
        #expect(defaults.dropFirst().map { $0.split(separator: ",")[3] } == ["4", "4", "4"], "\(defaults)")
        #expect(run.output.contains("the bundle's defaults (") && run.output.contains("over 3 sets of 4/4/4"), "\(run.output)")

        let report = try String(contentsOfFile: "\(out)/evaluation.md", encoding: .utf8)
        #expect(report.contains("## The bundles' defaults, with their spread") && report.contains("| glasses -> yes | "), "\(report)")
        #expect(report.contains("Judge of every figure below: \(judge)."), "\(report)")
        #expect(report.contains("| unedited (baseline) | 0 |") && report.contains("Before any edit the judge puts"))
        #expect(report.contains("the dataset's own samples that no classifier of the run trained on"))
        #expect(report.contains("SeFa: left out") && report.contains("GANSpace: left out") && report.contains("does not render here"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/glasses-to-yes.pareto.png"))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/glasses-to-yes.examples.png"))
    }
}
