import Foundation
import ReaderProbes
import TensorFormats

/// The package folder, three levels above this file.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The base files (`Fuzz/Seeds/base.*.safetensors`) whose tensors the metadata inputs of `FuzzBundle`,
/// `FuzzDirections` and `FuzzCurationModel` go beside, each read once, when its probe first runs.
private let baseBundle = try? ReaderProbe.bundle.base(root: packageRoot)
private let baseDirections = try? ReaderProbe.directions.base(root: packageRoot)
private let baseCurationModel = try? ReaderProbe.curationModel.base(root: packageRoot)

/// One libFuzzer input for `probe`: the bytes go to `ReaderProbe.probe`, which traps on any accepted input that
/// breaks an invariant (libFuzzer reports that as a crash). Always returns 0, as libFuzzer asks.
public func fuzzOne(_ probe: ReaderProbe, _ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let base: SafeTensorsFile?? = switch probe {
    case .bundle: baseBundle
    case .directions: baseDirections
    case .curationModel: baseCurationModel
    default: nil
    }
    _ = probe.probe(Data(bytes: bytes, count: size), base: base ?? nil)
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
