import Foundation
import TensorFormats

/// libFuzzer entry: any bytes as a safetensors file (header and tensors), as generator checkpoints,
/// classifier checkpoints and bundles are read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? decodeSafeTensors(Data(bytes: bytes, count: size), name: "fuzz.safetensors") else { return 0 }
    for name in file.names {
        _ = try? file.tensor(name)
    }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzSafeTensors_main")
public func FuzzSafeTensorsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzSafeTensors)
}
