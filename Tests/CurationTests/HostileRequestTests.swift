import CommandTestSupport
import Foundation
import Testing

/// Hostile and malformed requests get a 4xx and change nothing in the dataset folder.
@Suite("Curation hostile requests", .serialized)
struct HostileRequestTests {
    @Test("unknown samples, classes out of range, paths outside the dataset, oversized and malformed bodies: 4xx, dataset unchanged",
          .timeLimit(.minutes(3)))
    func hostileRequestsChangeNothing() throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.cleanUp() }
        let folder = try sampleDataset(scratch)
        let server = try CurateServerProcess(["--dataset", folder, "--attribute", "smile", "--classes", "no,yes"],
                                             scratch: scratch)
        #expect(try postLabel(port: server.port, #"{"sample": 1, "class": 1}"#).status == 200)
        let before = try snapshot(folder)
        let port = server.port
        func get(_ target: String, host: String = "127.0.0.1") throws -> Int {
            try rawHTTP(port: port, "GET \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n\r\n").status
        }
        func post(_ body: String, type: String = "application/json", target: String = "/api/label",
                  length: Int? = nil, origin: String? = nil) throws -> Int {
            try rawHTTP(port: port, """
                POST \(target) HTTP/1.1\r
                Host: 127.0.0.1:\(port)\r
                \(origin.map { "Origin: \($0)\r\n" } ?? "")Content-Type: \(type)\r
                Content-Length: \(length ?? body.utf8.count)\r
                Connection: close\r
                \r

                """, body: Data(body.utf8)).status
        }
        let refusals: [(String, Int)] = [
            ("unknown sample", try post(#"{"sample": 60, "class": 1}"#)),
            ("negative sample", try post(#"{"sample": -1, "class": 1}"#)),
            ("huge sample", try post(#"{"sample": 1e300, "class": 1}"#)),
            ("class written with an exponent", try post(#"{"sample": 2, "class": 1e-400}"#)),
            ("class written with a fraction", try post(#"{"sample": 2, "class": 1.0}"#)),
            ("repeated key", try post(#"{"sample": 1, "sample": 2, "class": 0}"#)),
            ("another site's page", try post(#"{"sample": 2, "class": 1}"#, origin: "http://evil.example")),
            ("fractional sample", try post(#"{"sample": 2.5, "class": 1}"#)),
            ("boolean sample", try post(#"{"sample": true, "class": 1}"#)),
            ("sample as text", try post(#"{"sample": "2", "class": 1}"#)),
            ("class out of range", try post(#"{"sample": 2, "class": 2}"#)),
            ("negative class", try post(#"{"sample": 2, "class": -1}"#)),
            ("class missing", try post(#"{"sample": 2}"#)),
            ("extra field", try post(#"{"sample": 2, "class": 1, "path": "../labels.csv"}"#)),
            ("malformed JSON", try post(#"{"sample": 2, "class": "#)),
            ("not an object", try post("[2, 1]")),
            ("empty body", try post("")),
            ("oversized body", try post(#"{"sample": 2, "class": 1, "pad": ""# + String(repeating: "x", count: 64_000) + #""}"#)),
            ("oversized Content-Length", try post(#"{"sample": 2, "class": 1}"#, length: 50_000_000)),
            ("not JSON", try post("sample=2&class=1", type: "application/x-www-form-urlencoded")),
            ("wrong method", try post(#"{"sample": 2, "class": 1}"#, target: "/api/state")),
            ("GET on the label route", try get("/api/label")),
            ("path outside the dataset", try get("/image/../labels.csv")),
            ("encoded path outside", try get("/image/%2e%2e%2fmanifest.json")),
            ("page path outside", try get("/page/../../manifest.json")),
            ("absolute path", try get("/etc/passwd")),
            ("image of an unknown sample", try get("/image/60.png")),
            ("image with a negative index", try get("/image/-1.png")),
            ("image name not a number", try get("/image/1e2.png")),
            ("unknown order", try get("/api/order?name=random")),
            ("another Host", try get("/api/state", host: "attacker.example")),
        ]
        for (what, status) in refusals {
            #expect((400..<500).contains(status), "\(what): status \(status)")
        }
        #expect(try snapshot(folder) == before, "the dataset folder changed")
        #expect(try get("/image/1.png") == 200)
    }

    /// Every file of the folder with its bytes.
    private func snapshot(_ folder: String) throws -> [String: Data] {
        var files = [String: Data]()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
        }
        return files
    }
}
