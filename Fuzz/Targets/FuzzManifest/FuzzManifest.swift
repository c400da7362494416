import Dataset
import Foundation

/// libFuzzer entry: any bytes as a dataset's manifest.json.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let manifest = try? DatasetManifest.decode(Data(bytes: bytes, count: size), path: "manifest.json") else { return 0 }
    // What the commands derive from a manifest must hold for every manifest the reader accepts.
    _ = manifest.scoreColumnCount
    for attribute in manifest.attributes { _ = attribute.scores?.range }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzManifest_main")
public func FuzzManifestMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzManifest)
}
