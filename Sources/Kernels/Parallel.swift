import CBLAS
import Dispatch
import Foundation

/// Runs `body` for each part `0..<parts` on its own core, with BLAS limited to one thread meanwhile, and
/// returns the results in part order.
///
/// On a small machine this beats one multi-threaded GEMM after another: each core runs a whole slice of the
/// work (GEMMs and the loops between them) without waiting for, or spinning against, BLAS's own threads.
public func inParallelWithSingleThreadedBLAS<T>(parts: Int, _ body: (Int) throws -> T) throws -> [T] {
    try inParallelWithSingleThreadedBLAS(parts: parts) { part in Result { try body(part) } }.map { try $0.get() }
}

/// `inParallelWithSingleThreadedBLAS` for work that cannot fail.
public func inParallelWithSingleThreadedBLAS<T>(parts: Int, _ body: (Int) -> T) -> [T] {
    let slots = ResultSlots<T>(count: parts)
    let threads = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(threads) }
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in slots.set(part, work.value(part)) }
    }
    return slots.values()
}

/// The number of cores this process may use.
public var availableCores: Int { ProcessInfo.processInfo.activeProcessorCount }

/// One result per part, written by the parts' threads.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func values() -> [T] { slots.map { $0! } }
}

/// A closure handed to `concurrentPerform`, whose parts touch disjoint data.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Runs `body` with BLAS limited to one thread, then restores the thread count: for loops of small GEMMs, where
/// BLAS's threads cost more in hand-offs than they gain (and stall badly when the machine is busy).
public func withSingleThreadedBLAS<T>(_ body: () throws -> T) rethrows -> T {
    let threads = openblas_get_num_threads()
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(threads) }
    return try body()
}
