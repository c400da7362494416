import FuzzDriver

/// libFuzzer's entry: each input goes to `ReaderProbe.curationModel` (see Fuzz/README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzOne(.curationModel, bytes, size) }

/// The executable's entry, as SwiftPM names it: the process goes to libFuzzer.
@_cdecl("FuzzCurationModel_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzInput)
}
