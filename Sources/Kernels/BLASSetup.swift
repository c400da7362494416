import CBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How this process's OpenBLAS is set up, once, before its first call: which kernels it runs and that it runs
/// them on one thread.
///
/// **One thread.** The workbench does its own parallel work (``inParallel(slices:_:)`` and the row blocks of
/// ``sgemm(transposeA:transposeB:m:n:k:alpha:a:aOffset:lda:b:bOffset:ldb:beta:c:cOffset:ldc:)``), split by the
/// shape of the work alone. OpenBLAS's own threads split a product by the thread count, and its kernels round the
/// edge of a block differently from its middle, so a product's last bits would depend on `OPENBLAS_NUM_THREADS`,
/// on the core count, and (because the count is one global setting) on whatever another thread of the process
/// was doing. With one BLAS thread and shape-only splits, the same inputs give the same bytes on any machine with
/// the same kernels, however many cores it has and whatever else runs.
///
/// **Kernels.** OpenBLAS picks kernels for the CPU it recognises; an older OpenBLAS (Debian 12 ships 0.3.21) does
/// not know newer Xeons and falls back to its generic SSE3 kernels ("Prescott"), 3–5 times slower than the AVX2
/// or AVX-512 kernels the CPU runs. When the user has not chosen (`OPENBLAS_CORETYPE` unset) and OpenBLAS fell
/// back, the best kernels the CPU's flags allow are selected instead: Cooperlake (AVX-512 with BF16), SkylakeX
/// (AVX-512), or Haswell (AVX2 with FMA). `OPENBLAS_CORETYPE` set by the user is always kept.
public struct BLASSetup: Sendable, Equatable {
    /// The kernels OpenBLAS picked by itself at load.
    public let detectedKernels: String
    /// The kernels in use.
    public let kernels: String
    /// Why the kernels are what they are, in one line.
    public let reason: String
}

/// The process's BLAS set-up, made on first use (thread-safe, once).
public let blasSetup: BLASSetup = setUpBLAS()

/// Makes sure the set-up ran; every BLAS and LAPACK entry point of this module calls it first.
@inline(__always) func ensureBLASSetUp() { _ = blasSetup }

/// The kernel family OpenBLAS falls back to when it does not recognise an x86-64 CPU.
private let genericKernels: Set<String> = ["prescott", "core2", "nehalem", "unknown"]

private func setUpBLAS() -> BLASSetup {
    openblas_set_num_threads(1)
    let detected = currentKernels()
    if let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !chosen.isEmpty {
        return BLASSetup(detectedKernels: detected, kernels: detected, reason: "OPENBLAS_CORETYPE=\(chosen) set by the user")
    }
    guard genericKernels.contains(detected.lowercased()) else {
        return BLASSetup(detectedKernels: detected, kernels: detected, reason: "OpenBLAS recognised the CPU")
    }
    guard let better = bestKernels(forFlags: cpuFlags()) else {
        return BLASSetup(detectedKernels: detected, kernels: detected, reason: "the CPU has no AVX2 with FMA")
    }
    guard let quit = symbol("gotoblas_dynamic_quit"), let initialise = symbol("gotoblas_dynamic_init") else {
        return BLASSetup(detectedKernels: detected, kernels: detected,
                         reason: "this OpenBLAS cannot switch kernels (not built with DYNAMIC_ARCH)")
    }
    // gotoblas_dynamic_init reads OPENBLAS_CORETYPE; it picks again only after gotoblas_dynamic_quit. The
    // variable is removed again so that programs this process starts choose for themselves.
    setenv("OPENBLAS_CORETYPE", better, 1)
    quit()
    initialise()
    unsetenv("OPENBLAS_CORETYPE")
    openblas_set_num_threads(1)
    let now = currentKernels()
    return BLASSetup(detectedKernels: detected, kernels: now,
                     reason: "OpenBLAS did not recognise the CPU (\(detected)); its flags allow \(better)")
}

/// The kernels for a CPU with these `/proc/cpuinfo` flags, best first, or nil when only generic ones fit.
func bestKernels(forFlags flags: Set<String>) -> String? {
    let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"].allSatisfy(flags.contains)
    if avx512 && flags.contains("avx512_bf16") { return "Cooperlake" }
    if avx512 { return "SkylakeX" }
    if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
    return nil
}

private func currentKernels() -> String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
}

/// The first CPU's flags from `/proc/cpuinfo`; empty where that file is missing.
private func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":") else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
}

private typealias VoidFunction = @convention(c) () -> Void

private func symbol(_ name: String) -> VoidFunction? {
    guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(address, to: VoidFunction.self)
}
