/// What went wrong with a generator worker, in one line that names the worker.
public struct WorkerError: Error, CustomStringConvertible, Equatable {
    /// The worker, as the user named it: its spec file, and its declared name once known.
    public let worker: String
    /// The problem.
    public let problem: String

    /// A problem with `worker`.
    public init(worker: String, problem: String) {
        self.worker = worker
        self.problem = problem
    }

    /// "generator worker <worker>: <problem>".
    public var description: String { "generator worker \(worker): \(problem)" }
}
