import Foundation

/// Reads `count` packed little-endian values of type `T` from `bytes`, starting `offset` bytes past its first byte.
///
/// `T` must be a fixed-size number type without padding (`Float`, `Double`, `Int32`, `Int64`, `UInt16`, `UInt8`, ...).
/// The byte range must lie inside `bytes`; a range outside it is a programming error and traps.
public func decodeLittleEndian<T: BitwiseCopyable>(_ type: T.Type, from bytes: Data, offset: Int, count: Int) -> [T] {
    let size = MemoryLayout<T>.size
    precondition(size > 0 && MemoryLayout<T>.stride == size, "decodeLittleEndian: \(T.self) is not a packed number type")
    precondition(offset >= 0 && count >= 0, "decodeLittleEndian: negative offset or count")
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: size)
    precondition(!overflow && offset <= bytes.count && byteCount <= bytes.count - offset,
                 "decodeLittleEndian: bytes \(offset)..<\(offset)+\(count)×\(size) lie outside \(bytes.count) bytes")
    if count == 0 { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
        let destination = UnsafeMutableRawBufferPointer(buffer)
        bytes.withUnsafeBytes { source in
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + byteCount)]))
        }
        #if _endian(big)
        reverseEachElement(destination, elementSize: size)
        #endif
        initializedCount = count
    }
}

/// Appends `values` to `data` as packed little-endian bytes.
///
/// `T` must be a fixed-size number type without padding (`Float`, `Double`, `Int32`, `Int64`, `UInt8`, ...).
public func appendLittleEndian<T: BitwiseCopyable>(_ values: [T], to data: inout Data) {
    let size = MemoryLayout<T>.size
    precondition(size > 0 && MemoryLayout<T>.stride == size, "appendLittleEndian: \(T.self) is not a packed number type")
    if values.isEmpty { return }
    #if _endian(big)
    var copy = values
    copy.withUnsafeMutableBytes { reverseEachElement($0, elementSize: size) }
    copy.withUnsafeBytes { data.append(contentsOf: $0) }
    #else
    values.withUnsafeBytes { data.append(contentsOf: $0) }
    #endif
}

#if _endian(big)
/// Reverses the byte order of each `elementSize`-byte element of `buffer`.
private func reverseEachElement(_ buffer: UnsafeMutableRawBufferPointer, elementSize: Int) {
    var start = 0
    while start < buffer.count {
        var low = start, high = start + elementSize - 1
        while low < high { buffer.swapAt(low, high); low += 1; high -= 1 }
        start += elementSize
    }
}
#endif
