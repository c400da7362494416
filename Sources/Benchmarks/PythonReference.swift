import Foundation

/// The outcome of running a PyTorch reference script: its JSON figures, or why there are none.
public enum PythonReference: Sendable {
    /// The script ran and printed these figures.
    case figures([String: Double])
    /// torch (or python3) is not available; the message says what to install.
    case unavailable(String)

    /// Runs `python3 script arguments…`, which prints one JSON object of numbers on its last line of stdout,
    /// or exits with status 3 when torch is missing.
    public static func run(script: String, arguments: [String]) -> PythonReference {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .unavailable("python3 could not start: \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .unavailable(message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            return .unavailable("\(script) printed no JSON figures")
        }
        return .figures(object.compactMapValues { ($0 as? NSNumber)?.doubleValue })
    }
}
