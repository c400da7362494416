import Diagnostics
import FlyingFox
import Foundation

/// The labelling page's HTTP server, on one address (loopback by default).
public final class CurationServer: Sendable {
    private let server: HTTPServer
    private let stopping = StopFlag()
    /// The address it was asked to listen on.
    public let host: String
    /// The port it was asked for (0: any free one).
    public let requestedPort: UInt16

    /// A server for `session` on `host` (an IPv4 address; 127.0.0.1 keeps it to this machine) and `port`
    /// (0 picks a free one). On a loopback address it answers only requests addressed to it by name
    /// (Host 127.0.0.1 or localhost), which keeps pages of other sites from reaching it through DNS tricks.
    public init(session: CurationSession, images: SampleImageSource, host: String = "127.0.0.1", port: UInt16) throws {
        let address: sockaddr_in
        do { address = try .inet(ip4: host, port: port) } catch {
            throw FileError(path: host, problem: "not an IPv4 address to listen on (e.g. 127.0.0.1)")
        }
        let loopback = host.hasPrefix("127.")
        let handler = CurationHandler(session: session, images: images, assets: try PageAssets(),
                                      allowedHosts: loopback ? [host, "localhost"] : nil)
        self.host = host
        requestedPort = port
        server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
    }

    /// Serves until `stop()`; calls `listening` with the page's address (`http://host:port/`) once the socket
    /// accepts connections. Throws a `FileError` when the address cannot be bound.
    public func run(listening: @Sendable @escaping (String) -> Void) async throws {
        let failure = StartFailure()
        let serving = Task {
            do { try await server.run() } catch {
                await failure.record(error)
                throw error
            }
        }
        // Until the socket listens, or the server fails (a port in use fails at once), or 10 s pass.
        var port: Int?
        for _ in 0..<500 {
            if case .ip4(_, let bound) = await server.listeningAddress { port = Int(bound); break }
            if let error = await failure.error {
                throw FileError(path: "\(host):\(requestedPort)", problem: "cannot listen here: \(Self.describe(error))")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        guard let port else {
            serving.cancel()
            throw FileError(path: "\(host):\(requestedPort)", problem: "cannot listen here: not listening after 10 s")
        }
        listening("http://\(host):\(port)/")
        do {
            try await serving.value
        } catch {
            // Closing the listening socket ends `run` with a "disconnected" error: that is the stop asked for.
            if await !stopping.isSet { throw error }
        }
    }

    /// A socket error in words: "address already in use (another program listens on this port)" for EADDRINUSE.
    private static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("\(EADDRINUSE)") || text.lowercased().contains("address already in use") {
            return "the port is in use (another program, or another Curate, listens on it; choose another with the port flag)"
        }
        return text
    }

    /// Stops accepting connections and lets open requests finish (at most one second).
    public func stop() async {
        await stopping.set()
        await server.stop(timeout: 1)
    }
}

/// The error the server stopped with before it listened, if any.
private actor StartFailure {
    private(set) var error: (any Error)?
    func record(_ error: any Error) { self.error = error }
}

/// Whether a stop was asked for.
private actor StopFlag {
    private(set) var isSet = false
    func set() { isSet = true }
}
