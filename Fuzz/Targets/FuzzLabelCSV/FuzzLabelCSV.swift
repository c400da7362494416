import Dataset
import Foundation

/// Two attributes like a sampled dataset's, the column layout a labels CSV must match.
private let attributes = [
    Attribute(name: "color", kind: .multiclass, classes: ["dark", "neutral", "warm", "green", "blue"],
              origin: .manual(file: "fuzz.csv")),
    Attribute(name: "smile", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "fuzz.csv")),
]

/// libFuzzer entry: the first byte chooses the mode (a dataset's own labels.csv or an imported one) and the
/// sample count; the rest is the CSV.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabelCSV(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode: LabelCSVMode = bytes[0] & 1 == 0 ? .datasetFile : .importFile
    let sampleCount = Int(bytes[0] >> 1)
    let text = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: size - 1), as: UTF8.self)
    if let labels = try? decodeLabelCSV(text, path: "fuzz.csv", attributes: attributes, sampleCount: sampleCount, mode: mode) {
        precondition(labels.count == attributes.count && labels.allSatisfy { $0.count == sampleCount })
    }
    return 0
}

/// libFuzzer's driver, which parses the command line and runs the entry above.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                       _ entry: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's `main` to `<target>_main`; this hands the process to libFuzzer.
@_cdecl("FuzzLabelCSV_main")
public func FuzzLabelCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzLabelCSV)
}
