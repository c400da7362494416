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

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzImage_main")
public func FuzzImageMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzImage)
}
