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
