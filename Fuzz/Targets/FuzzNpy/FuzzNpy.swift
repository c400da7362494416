import Foundation
import TensorFormats

/// libFuzzer entry: any bytes as a .npy file, through the reader every `--latents` and dataset file goes through.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNpy(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    if let array = try? decodeNpy(data, name: "fuzz.npy") {
        precondition(array.shape.reduce(1, *) == array.data.count, "shape and element count disagree")
    }
    _ = try? decodeNpyTensor(data, name: "fuzz.npy")
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzNpy_main")
public func FuzzNpyMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzNpy)
}
