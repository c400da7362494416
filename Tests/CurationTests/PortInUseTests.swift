import CommandTestSupport
import Dataset
import Foundation
import Testing

@Suite("Curation port in use")
struct PortInUseTests {
    @Test("a second server on a port already in use says so in one line and exits 1 at once, leaving the first serving")
    func portInUse() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let folder = try sampleDataset(scratch)
        let arguments = ["--dataset", folder, "--attribute", "mood", "--classes", "sad,calm,glad"]
        let first = try CurateServerProcess(arguments, scratch: scratch)
        let second = try runProduct("Curate", ["serve"] + arguments + ["--port", "\(first.port)"])
        #expect(second.status == 1)
        #expect(second.error.split(separator: "\n").count == 1, "\(second.error)")
        #expect(second.error.contains("127.0.0.1:\(first.port): cannot listen here: the port is in use"), "\(second.error)")
        let state = try rawHTTP(port: first.port, "GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(state.status == 200)
        _ = first.stop(SIGINT)
    }
}
