import Dispatch
import Foundation

/// Runs `body` for each part `0..<parts` side by side on the cores and returns the results in part order.
///
/// BLAS runs one thread per caller (see ``BLASSetup``), so each core runs a whole part (its GEMMs and the loops
/// between them) without waiting for, or spinning against, BLAS's own threads. Split work by its shape
/// (``rowSlices(count:rows:)``), not by the core count, and the results are the same on any machine.
public func inParallel<T>(parts: Int, _ body: (Int) throws -> T) throws -> [T] {
    try inParallel(parts: parts) { part in Result { try body(part) } }.map { try $0.get() }
}

/// `inParallel` for work that cannot fail.
public func inParallel<T>(parts: Int, _ body: (Int) -> T) -> [T] {
    ensureBLASSetUp()
    if parts == 1 { return [body(0)] }
    let slots = ResultSlots<T>(count: parts)
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { part in slots.set(part, work.value(part)) }
    }
    return slots.values()
}

/// `count` rows cut into consecutive slices of `rows` (the last one shorter): a split by the shape alone.
public func rowSlices(count: Int, rows: Int) -> [Range<Int>] {
    precondition(rows >= 1, "rowSlices: \(rows) rows per slice")
    if count == 0 { return [0..<0] }
    return stride(from: 0, to: count, by: rows).map { $0..<min($0 + rows, count) }
}

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

/// A closure or pointer handed to `concurrentPerform`, whose parts touch disjoint data.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
