import Foundation

/// A one-line progress indicator on standard error, redrawn in place; silent when stderr is not a terminal.
public final class Progress {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var lastDrawn = -1

    /// A progress line for `total` units of work, prefixed by `label`.
    /// `enabled` defaults to whether standard error is a terminal.
    public init(_ label: String, total: Int, enabled: Bool = isatty(2) != 0) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
    }

    /// Shows that `done` units are finished, with an optional short status after the count.
    public func update(_ done: Int, status: String = "") {
        guard enabled else { return }
        let percent = min(100, done * 100 / total)
        if percent == lastDrawn && status.isEmpty { return }
        lastDrawn = percent
        let line = "\r\(label): \(done)/\(total) (\(percent)%)\(status.isEmpty ? "" : " " + status)\u{1B}[K"
        writeStandardError(line)
    }

    /// Ends the progress line.
    public func finish() {
        guard enabled else { return }
        writeStandardError("\n")
    }
}

/// Writes one line to standard error (always, terminal or not): for results and warnings, not progress.
public func printError(_ message: String) {
    writeStandardError(message + "\n")
}

private func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
