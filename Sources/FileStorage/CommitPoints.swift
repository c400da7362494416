import Foundation

/// The commit point at which the process kills itself, from the test-only environment variable
/// `GRADCTRL_KILL_AT_COMMIT_POINT` (nil when unset: the normal case).
private let killPoint: Int? = ProcessInfo.processInfo.environment["GRADCTRL_KILL_AT_COMMIT_POINT"].flatMap { Int($0) }

/// Commit points passed so far.
private let passedPoints = Mutex(0)

/// Marks a commit point: just before and just after each rename or exchange that puts an output in place.
/// For the chaos tests only: when `GRADCTRL_KILL_AT_COMMIT_POINT` is n, the n-th point sends SIGKILL to this
/// process, so a test can interrupt a command exactly there.
func commitPoint() {
    guard let killPoint else { return }
    let reached = passedPoints.withLock { count in
        count += 1
        return count
    }
    if reached == killPoint { kill(getpid(), SIGKILL) }
}

/// A value guarded by a lock.
private final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
