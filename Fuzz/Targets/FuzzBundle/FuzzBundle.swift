import Export
import FileErrors
import Foundation
import TensorFormats

/// The tensors of a real bundle (Fuzz/Seeds/base.bundle.safetensors), so that mutated metadata reaches every
/// check behind the JSON: attributes, classes, architecture, masks, edit defaults.
private let base: SafeTensorsFile = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Seeds/base.bundle.safetensors").path
    do { return try readSafeTensors(path) } catch { fatalError("fuzz setup: \(error)") }
}()

/// libFuzzer entry: the first byte chooses the form. Odd: the rest is a whole bundle file. Even: the rest is
/// the bundle's metadata JSON, put beside the base bundle's tensors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let rest = Data(bytes: bytes + 1, count: size - 1)
    if bytes[0] & 1 == 1 {
        if let file = try? decodeSafeTensors(rest, name: "fuzz.bundle.safetensors") {
            _ = try? EditBundle(file: file)
        }
    } else {
        let metadata = String(decoding: rest, as: UTF8.self)
        let file = SafeTensorsFile(source: "fuzz.bundle.safetensors", tensors: base.tensors, names: base.names,
                                   metadata: [EditBundle.metadataKey: metadata])
        if let bundle = try? EditBundle(file: file) {
            // Every bundle the reader accepts must name only files that stay inside the editor's --out folder.
            for className in bundle.target.classNames {
                precondition((try? pathInside("out", "\(bundle.target.name)-to-\(className).npy", source: "fuzz")) != nil,
                             "accepted a bundle whose class name leaves the output folder")
            }
        }
    }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzBundle_main")
public func FuzzBundleMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzBundle)
}
