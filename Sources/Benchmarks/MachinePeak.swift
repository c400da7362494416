import Foundation
import Kernels

/// The machine's single-precision FMA peak: cores × clock × vector width × 2 FLOP per FMA × FMA units per core.
///
/// - cores: the cores this process may use (`activeProcessorCount`), which is also how many the workbench's
///   products split over (OpenBLAS runs one thread in each; see `BLASSetup`);
/// - clock: measured here, by timing a chain of dependent integer additions and exclusive-ors (each takes one
///   cycle on every x86-64 core, and each waits for the one before, so the chain runs at one operation per
///   cycle), the fastest of several short runs; `/proc/cpuinfo`'s "cpu MHz" is read and printed beside it, but a
///   virtual machine reports the nominal clock there, not the one the core runs at;
/// - vector width: the floats in one vector of the instruction set the ordered product runs on
///   (``orderedProductInstructionSet``: 16 for avx512, 8 for avx2, 4 for sse2), since that is what the generator's
///   products use;
/// - FMA units: 2 per core, as on every x86-64 core with FMA that the workbench selects kernels for (Intel since
///   Haswell, AMD since Zen); stated, not measured.
public struct MachinePeak: Sendable {
    /// Cores used.
    public let cores: Int
    /// The measured clock, GHz.
    public let measuredGigahertz: Double
    /// `/proc/cpuinfo`'s "cpu MHz" of the first core, GHz, when it can be read.
    public let reportedGigahertz: Double?
    /// The instruction set whose vectors count.
    public let instructionSet: String
    /// Floats per vector.
    public let vectorFloats: Int
    /// FMA units per core.
    public let fmaUnits: Int
    /// The CPU's widest vectors with FMA, from `/proc/cpuinfo`'s flags (avx512f: 16 floats, avx2 and fma: 8, else
    /// 4): what another library (ONNX Runtime's MLAS picks its kernels by the CPU) may use whatever the ordered
    /// product runs on.
    public let cpuVectorFloats: Int
    /// Peak GFLOP/s with the ordered product's vectors.
    public var gigaflops: Double { gigaflops(vectorFloats: vectorFloats) }
    /// Peak GFLOP/s with the CPU's widest vectors.
    public var cpuGigaflops: Double { gigaflops(vectorFloats: max(vectorFloats, cpuVectorFloats)) }

    private func gigaflops(vectorFloats: Int) -> Double {
        Double(cores) * measuredGigahertz * Double(vectorFloats) * 2 * Double(fmaUnits)
    }
}

/// FMA units per core assumed in ``MachinePeak``.
public let fmaUnitsPerCore = 2

/// Measures the clock and computes the peak of ``MachinePeak`` for the ordered product's instruction set.
public func measureMachinePeak() -> MachinePeak {
    let isa = orderedProductInstructionSet
    let width = ["avx512": 16, "avx2": 8].first { $0.key == isa }?.value ?? 4
    return MachinePeak(cores: ProcessInfo.processInfo.activeProcessorCount, measuredGigahertz: measureClockGigahertz(),
                       reportedGigahertz: reportedClockGigahertz(), instructionSet: isa, vectorFloats: width,
                       fmaUnits: fmaUnitsPerCore, cpuVectorFloats: cpuVectorFloats())
}

/// The core's clock in GHz: the fastest of `runs` timed chains of `operations` dependent one-cycle operations.
public func measureClockGigahertz(operations: Int = 200_000_000, runs: Int = 7) -> Double {
    var best = 0.0
    for run in 0..<runs {
        // The chain's input is read from, and its result stored to, globals that the clock reads could touch, so
        // the chain can be moved neither before the first read nor after the second.
        let start = DispatchTime.now().uptimeNanoseconds
        chainSink ^= dependentChain(operations / 2, UInt64(run) | 1, chainMask)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = max(best, Double(operations) / seconds / 1e9)
    }
    return best
}

/// The chains' results, kept where another module could read them, so that the chains are not optimised away.
nonisolated(unsafe) public var chainSink: UInt64 = 0
/// The chains' second operand, which another module could change, so that the optimiser cannot see through it.
nonisolated(unsafe) public var chainMask: UInt64 = 0x9E37_79B9_7F4A_7C15

/// `iterations` of x = (x + a) ^ b: two dependent one-cycle operations per iteration, which no compiler can
/// turn into a closed form or run in parallel.
@inline(never)
private func dependentChain(_ iterations: Int, _ a: UInt64, _ b: UInt64) -> UInt64 {
    var x = a
    for _ in 0..<iterations { x = (x &+ a) ^ b }
    return x
}

/// The floats in the CPU's widest FMA vectors, from the first `flags` line of `/proc/cpuinfo` (4 when unread).
func cpuVectorFloats() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return 4 }
    let flags = Set(line.split(separator: " ").map(String.init))
    if flags.contains("avx512f") { return 16 }
    return flags.isSuperset(of: ["avx2", "fma"]) ? 8 : 4
}

/// "cpu MHz" of the first processor in `/proc/cpuinfo`, in GHz, or nil.
func reportedClockGigahertz() -> Double? {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("cpu MHz") {
        if let value = line.split(separator: ":").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return value / 1000
        }
    }
    return nil
}
