import CommandTestSupport
import Dataset
import Foundation
import Testing

/// Acknowledged labels are on disk: the server is killed (SIGKILL, no chance to flush anything) right after
/// the last acknowledgement, and the dataset must hold every label.
@Suite("Curation durability", .serialized)
struct DurabilityTests {
    @Test("SIGKILL right after acknowledged labels loses none; two tabs: the last write wins and the state shows it",
          .timeLimit(.minutes(3)))
    func killedServerKeepsAcknowledgedLabels() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let folder = try sampleDataset(scratch)
        let server = try CurateServerProcess(["--dataset", folder, "--attribute", "mood", "--classes", "sad,calm,glad"],
                                             scratch: scratch)
        var expected = [Int?](repeating: nil, count: 60)
        for sample in 0..<30 {
            let label = (sample * 7) % 3
            let answer = try postLabel(port: server.port, #"{"sample": \#(sample), "class": \#(label)}"#)
            #expect(answer.status == 200, "\(answer.body)")
            expected[sample] = label
        }
        // Two tabs label sample 5 one after the other: the later one wins, and the state says so.
        #expect(try postLabel(port: server.port, #"{"sample": 5, "class": 0}"#).status == 200)
        #expect(try postLabel(port: server.port, #"{"sample": 5, "class": 2}"#).status == 200)
        expected[5] = 2
        // An undo back to "unlabelled".
        #expect(try postLabel(port: server.port, #"{"sample": 29, "class": null}"#).status == 200)
        expected[29] = nil
        let state = try rawHTTP(port: server.port, "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let labels = (try JSONSerialization.jsonObject(with: Data(state.body.utf8)) as? [String: Any])?["labels"] as? [Any]
        #expect((labels?[5] as? Int) == 2)
        #expect(labels?[29] is NSNull)

        let killed = server.stop(SIGKILL)
        #expect(killed.reason == .uncaughtSignal)
        let dataset = try LabelledDataset.load(from: folder)
        #expect(dataset.labels[try dataset.attributeIndex("mood")] == expected)
        #expect(dataset.labels[try dataset.attributeIndex("lightness")].allSatisfy { $0 != nil }, "the other attribute is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }
}
