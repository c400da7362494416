import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process spoken to through its stdin and stdout, every read and write bounded by a deadline; its
/// stderr is the user's. The child is killed and reaped by `stop()` (and when the value is freed), whatever state
/// it is in.
final class WorkerProcess: @unchecked Sendable {
    /// The child's process id, or 0 once reaped.
    private(set) var pid: pid_t = 0
    private var toChild: Int32 = -1
    private var fromChild: Int32 = -1

    /// Starts `command` (the program looked up on PATH) with its stdin and stdout connected to this process.
    init(command: [String]) throws {
        signal(SIGPIPE, SIG_IGN)  // a worker that dies must give an error here, not end this process
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw FrameProblem("could not be started: no pipes (\(errnoText()))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        for fd in input + output { posix_spawn_file_actions_addclose(&actions, fd) }
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawnp(&child, command[0], &actions, nil, arguments, environ)
        close(input[0])
        close(output[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            throw FrameProblem("could not start '\(command[0])': \(String(cString: strerror(status)))")
        }
        pid = child
        toChild = input[1]
        fromChild = output[0]
        for fd in [toChild, fromChild] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit { stop(grace: 0) }

    /// Writes all of `data` before `deadline`.
    func write(_ data: Data, before deadline: Date) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                try waitUntilReady(toChild, events: Int16(POLLOUT), before: deadline, doing: "reading its request")
                let written = Glibc.write(toChild, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EAGAIN || errno == EINTR { continue }
                    throw FrameProblem(exitDescription(or: "stopped reading its input (\(errnoText()))"))
                }
                offset += written
            }
        }
    }

    /// Reads exactly `count` bytes before `deadline`.
    func read(_ count: Int, before deadline: Date) throws -> Data {
        var data = Data(count: count)
        var offset = 0
        try data.withUnsafeMutableBytes { raw in
            while offset < count {
                try waitUntilReady(fromChild, events: Int16(POLLIN), before: deadline, doing: "answering")
                let got = Glibc.read(fromChild, raw.baseAddress! + offset, count - offset)
                if got < 0 {
                    if errno == EAGAIN || errno == EINTR { continue }
                    throw FrameProblem("could not be read (\(errnoText()))")
                }
                if got == 0 {
                    throw FrameProblem(exitDescription(or: "closed its output") + (offset > 0 ? " in the middle of a reply" : ""))
                }
                offset += got
            }
        }
        return data
    }

    /// Closes the child's input (a worker then ends), waits up to `grace` seconds for it to exit, kills it if it
    /// has not, and reaps it.
    func stop(grace: Double = 2) {
        if toChild >= 0 { close(toChild); toChild = -1 }
        if fromChild >= 0 { close(fromChild); fromChild = -1 }
        guard pid > 0 else { return }
        let deadline = Date().addingTimeInterval(grace)
        var status: Int32 = 0
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid { pid = 0; return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        pid = 0
    }

    /// Waits for `fd` to be ready, or throws when the deadline passes or the child has exited.
    private func waitUntilReady(_ fd: Int32, events: Int16, before deadline: Date, doing: String) throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw FrameProblem("took longer than the timeout \(doing) (set \"timeout_seconds\" in the spec to wait longer)")
            }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining, 0.5) * 1000) + 1)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw FrameProblem("could not be waited for (\(errnoText()))") }
        }
    }

    /// How the child ended, if it has ("exited with status 3", "was killed by signal 9"), else `alternative`.
    private func exitDescription(or alternative: String) -> String {
        guard pid > 0 else { return alternative }
        var status: Int32 = 0
        // Give a child whose pipe just closed a moment to finish exiting, so the message can say how it ended.
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                let signalNumber = status & 0x7f
                return signalNumber == 0 ? "exited with status \((status >> 8) & 0xff)" : "was killed by signal \(signalNumber)"
            }
            usleep(10_000)
        }
        return alternative
    }
}

/// The text of the current errno.
private func errnoText() -> String { String(cString: strerror(errno)) }
