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
