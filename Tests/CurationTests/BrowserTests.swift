import CommandTestSupport
import Dataset
import Foundation
import Testing

/// The real page in headless Chromium (Debian's chromium, chromium-driver and python3-selenium, which
/// tools/setup.sh installs): label 20 samples by key presses, undo one, reload, and read the dataset.
@Suite("Curation page in a browser", .serialized)
struct BrowserTests {
    @Test("20 labels by key presses, one undone, survive a reload as exactly 19 labels in labels.csv; a second tab's change shows in the first",
          .timeLimit(.minutes(5)))
    func labelUndoReload() throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] {
            #expect(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run tools/setup.sh (it installs chromium, chromium-driver and python3-selenium)")
        }
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let folder = try sampleDataset(scratch)
        let server = try CurateServerProcess(["--dataset", folder, "--attribute", "smile", "--classes", "no,yes"],
                                             scratch: scratch)
        let script = packageRoot.appendingPathComponent("tools/curate_browser.py").path
        let result = try runProcess("/usr/bin/python3", [script, "--url", server.url, "--mode", "label-undo-reload",
                                                         "--labels", "20"])
        #expect(result.status == 0, "the browser run failed: \(result.error)")

        // The file holds exactly the 19 labels kept: samples 0-18, keys 1, 2, 1, 2, ... (classes 0, 1, 0, ...).
        let dataset = try LabelledDataset.load(from: folder)
        let column = dataset.labels[try dataset.attributeIndex("smile")]
        let expected: [Int?] = (0..<dataset.count).map { $0 < 19 ? $0 % 2 : nil }
        #expect(column == expected)

        // The page showed the same after the reload.
        let shown = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        let after = shown?["after_reload"] as? [String: Any]
        #expect(after?["counts"] as? [Int] == [10, 9])
        #expect(after?["left"] as? Int == dataset.count - 19)
        #expect(after?["labelled_tiles"] as? [Int] == Array(0..<19))
        #expect(shown?["other_tab_seen"] as? Int == 19, "a second tab's label, and its undo, appeared in the first")

        // Ctrl-C stops the server cleanly and it says where the labels are.
        let stopped = server.stop(SIGINT)
        #expect(stopped.reason == .exit && stopped.status == 0, "stderr: \(server.standardError)")
    }
}
