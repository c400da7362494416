import Foundation
import ReaderProbes
import TensorFormats

/// The base bundle (`Fuzz/Seeds/base.bundle.safetensors`) whose tensors the metadata inputs of `FuzzBundle` go
/// beside, read once, when a bundle is first probed.
private let baseBundle: SafeTensorsFile? = try? ReaderProbe.baseBundle(
    root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)

/// One libFuzzer input for `probe`: the bytes go to `ReaderProbe.probe`, which traps on any accepted input that
/// breaks an invariant (libFuzzer reports that as a crash). Always returns 0, as libFuzzer asks.
public func fuzzOne(_ probe: ReaderProbe, _ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = probe.probe(Data(bytes: bytes, count: size), base: probe == .bundle ? baseBundle : nil)
    return 0
}

/// libFuzzer's driver, which parses the command line and runs `entry` on each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func libFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Hands the process to libFuzzer with the command line `argc`/`argv`; `entry` is the target's
/// `LLVMFuzzerTestOneInput`. A fuzz target's `<target>_main` (the name SwiftPM gives an executable's entry)
/// returns this.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                         _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return libFuzzerRunDriver(&count, &arguments, entry)
}
