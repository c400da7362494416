import CommandTestSupport
import Curation
import Dataset
import Foundation
import Testing

/// The page's keys for a rare attribute (the rest of a page marked with one class, a tile enlarged) and its
/// model kept across a restart, in headless Chromium (see `BrowserTests`).
@Suite("Curation page in a browser: keys and a restart", .serialized)
struct BrowserRestartTests {
    @Test("keys z and Shift+1 label nothing by mistake; after a restart the model and its orders are there at once, with baselines",
          .timeLimit(.minutes(10)))
    func keysAndRestart() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            #expect(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run tools/setup.sh (it installs chromium, chromium-driver and python3-selenium)")
        }
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let folder = try sampleDataset(scratch)
        let script = packageRoot.appendingPathComponent("tools/curate_browser.py").path

        // Twelve labels by key (no, yes, no, ...), then the rest of the first page (samples 12-39) as "no";
        // retraining after every label, so the last model is trained on all 40.
        let first = try CurateServerProcess(["--dataset", folder, "--attribute", "smile", "--classes", "no,yes",
                                             "--retrain-every", "1"], scratch: scratch)
        let run = try runProcess("/usr/bin/python3", [script, "--url", first.url, "--mode", "keys-model", "--labels", "12"])
        #expect(run.status == 0, "the browser run failed: \(run.error)")
        let stopped = first.stop(SIGINT)
        #expect(stopped.reason == .exit && stopped.status == 0, "stderr: \(first.standardError)")
        let keys = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])

        // z enlarges the tile at the cursor (sample 12) and z again shrinks it; neither labels anything.
        let zoomed = keys["zoomed"] as? [String: Any], unzoomed = keys["unzoomed"] as? [String: Any]
        #expect(zoomed?["zoomed"] as? [Int] == [12] && unzoomed?["zoomed"] as? [Int] == [])
        let zoomedWidth = zoomed?["cursor_width"] as? Int ?? 0, tileWidth = zoomed?["other_width"] as? Int ?? 0
        #expect(tileWidth > 0 && zoomedWidth >= 2 * tileWidth, "zoomed \(zoomedWidth) px against \(tileWidth) px")
        #expect(unzoomed?["cursor_width"] as? Int == tileWidth)
        // Shift+1 labels the 28 open tiles of the page and none of the 12 given, and moves on to the next page;
        // u takes all 28 back (and returns to the page); Shift+1 again.
        func step(_ name: String) -> [String: Any]? { keys[name] as? [String: Any] }
        #expect(step("after_keys")?["labelled_tiles"] as? [Int] == Array(0..<12))
        #expect(step("after_keys")?["counts"] as? [Int] == [6, 6])
        #expect(step("rest_marked")?["counts"] as? [Int] == [34, 6] && step("rest_marked")?["cursor"] as? Int == 40)
        #expect(step("rest_undone")?["counts"] as? [Int] == [6, 6])
        #expect(step("rest_undone")?["labelled_tiles"] as? [Int] == Array(0..<12))
        #expect(step("rest_marked_again")?["counts"] as? [Int] == [34, 6])
        let help = (keys["model"] as? [String: Any])?["help"] as? String ?? ""
        #expect(help.contains("Shift+1–9") && help.contains("z enlarge"), "the page's help lists the keys: \(help)")

        // What the file holds: the 12 given, 28 "no", nothing else; and the model beside the labels.
        let dataset = try LabelledDataset.load(from: folder)
        let expected: [Int?] = (0..<dataset.count).map { $0 < 12 ? $0 % 2 : ($0 < 40 ? 0 : nil) }
        #expect(dataset.labels[try dataset.attributeIndex("smile")] == expected)
        #expect(FileManager.default.fileExists(atPath: savedModelPath(folder: folder, attribute: "smile")))

        // The restart: the model is read at the start, and the page offers its orders at once.
        let second = try CurateServerProcess(["--dataset", folder, "--attribute", "smile"], scratch: scratch)
        #expect(second.firstLines.contains("loaded (trained on 40 labels)"), "\(second.firstLines)")
        let after = try runProcess("/usr/bin/python3", [script, "--url", second.url, "--mode", "after-restart"])
        #expect(after.status == 0, "the browser run failed: \(after.error)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(after.output.utf8)) as? [String: Any])
        let atOnce = shown["at_once"] as? [String: Any]
        #expect(atOnce?["uncertain_enabled"] as? Bool == true, "most uncertain first is available without a new label")
        #expect(atOnce?["disagreements_enabled"] as? Bool == true)
        #expect(atOnce?["restored"] as? Bool == true && atOnce?["trained_on"] as? Int == 40, "\(atOnce ?? [:])")
        #expect(atOnce?["majority"] as? String == "0.850", "34 of the 40 labels are 'no'")
        #expect((atOnce?["model_text"] as? String)?.contains("0.850 for always “no”") == true, "\(atOnce?["model_text"] ?? "")")
        #expect((atOnce?["balanced"] as? String).flatMap(Double.init).map { (0...1).contains($0) } == true)
        #expect((shown["pager"] as? String)?.hasPrefix("most uncertain first: 1 of 20") == true, "\(shown["pager"] ?? "")")
        #expect((shown["first_tiles"] as? [Int])?.allSatisfy { $0 >= 40 } == true, "only unlabelled samples")

        // The state JSON carries the baselines, for the model and every point of its history.
        let state = try rawHTTP(port: second.port, "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:\(second.port)\r\nConnection: close\r\n\r\n")
        #expect(state.status == 200)
        let json = try JSONSerialization.jsonObject(with: Data(state.body.utf8)) as? [String: Any]
        let model = json?["model"] as? [String: Any]
        #expect(model?["majorityRate"] as? Double == 0.85 && model?["restored"] as? Bool == true)
        #expect(model?["majorityClass"] as? Int == 0)
        #expect((model?["balancedAccuracy"] as? Double).map { (0...1).contains($0) } == true)
        let history = model?["history"] as? [[String: Any]] ?? []
        #expect(history.last?["labels"] as? Int == 40 && history.last?["majorityRate"] as? Double == 0.85)
        #expect(history.allSatisfy { $0["balancedAccuracy"] is Double && $0["majorityRate"] is Double })
        let stoppedAgain = second.stop(SIGINT)
        #expect(stoppedAgain.reason == .exit && stoppedAgain.status == 0, "stderr: \(second.standardError)")
    }
}
