import Foundation
import ImageIO

/// libFuzzer entry: any bytes as a PNG and as a JPEG (stored dataset images and user images).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let data = Data(bytes: bytes, count: size)
    if let image = try? decodeImage(data, label: "fuzz.image") {
        precondition(image.width > 0 && image.height > 0)
    }
    return 0
}
