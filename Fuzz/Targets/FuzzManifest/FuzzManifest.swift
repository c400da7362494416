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
