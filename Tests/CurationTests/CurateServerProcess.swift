import CommandTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `Curate serve` process on a free loopback port, started from the built product.
final class CurateServerProcess {
    let process: Process
    let port: Int
    let firstLines: String
    private let errorFile: URL

    /// Starts `Curate serve` with `arguments` (plus `--port 0`) and waits until it prints its address.
    init(_ arguments: [String], scratch: TemporaryDirectory) throws {
        let output = Pipe()
        errorFile = scratch.url.appendingPathComponent("curate-stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process = try startProduct("Curate", ["serve"] + arguments + ["--port", "0"], output: output,
                                   error: try FileHandle(forWritingTo: errorFile))
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("Ctrl-C stops."), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        firstLines = text
        guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression),
              let port = Int(text[range].dropFirst("http://127.0.0.1:".count).dropLast()) else {
            process.terminate()
            let error = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "Curate did not print its address: \(text) \(error)"])
        }
        self.port = port
        // Keep reading standard output so the server never blocks on a full pipe.
        let handle = output.fileHandleForReading
        handle.readabilityHandler = { if $0.availableData.isEmpty { $0.readabilityHandler = nil } }
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    /// Sends `signal` and waits for the process to end; returns its termination status and reason.
    @discardableResult
    func stop(_ signal: Int32) -> (status: Int32, reason: Process.TerminationReason) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason)
    }

    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }
}

/// One HTTP exchange over a fresh loopback connection, bytes exactly as given (no path normalisation), so
/// hostile requests reach the server as a hostile client would send them. Returns the status and the body.
func rawHTTP(port: Int, _ head: String, body: Data = Data()) throws -> (status: Int, body: String) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EIO) }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 20, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    let bytes = Array(head.utf8) + Array(body)
    var sent = 0
    while sent < bytes.count {
        let n = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if n <= 0 { break }
        sent += n
    }
    var received = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(descriptor, &buffer, buffer.count, 0)
        if n <= 0 { break }
        received += buffer[0..<n]
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let statusLine = text.split(separator: "\r\n").first,
          let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no HTTP response to: \(head.prefix(80))"])
    }
    let bodyText = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    return (status, bodyText)
}

/// `POST /api/label` with a JSON body, as the page sends it.
func postLabel(port: Int, _ json: String) throws -> (status: Int, body: String) {
    try rawHTTP(port: port, """
        POST /api/label HTTP/1.1\r
        Host: 127.0.0.1:\(port)\r
        Content-Type: application/json\r
        Content-Length: \(json.utf8.count)\r
        Connection: close\r
        \r

        """, body: Data(json.utf8))
}

/// A small sampled dataset (the embedded generator, `lightness` only) in `scratch`.
func sampleDataset(_ scratch: TemporaryDirectory, count: Int = 60) throws -> String {
    let folder = scratch.path("dataset")
    let result = try runProduct("Dataset", ["sample", "--count", "\(count)", "--seed", "0", "--labellers", "lightness",
                                            "--out", folder])
    guard result.status == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "Dataset sample failed: \(result.error)"])
    }
    return folder
}
