import Foundation

/// The lines of CSV `text`, split at "\n", "\r\n" or "\r", without a leading byte-order mark (spreadsheets
/// write one). Finds the breaks with `memchr` on the UTF-8 bytes, so the cost is linear and small: a million
/// rows take a fraction of a second, and a fuzzer's instrumented build does not pay for every byte.
func csvLines(_ text: String) -> [Substring] {
    var text = text
    let start = text.utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let ranges = text.withUTF8 { lineRanges(in: $0, from: start) }
    let utf8 = text.utf8
    // Every bound is at an ASCII line break (or the ends), so it is a character boundary of `text`.
    return ranges.map { range in
        text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
    }
}

/// The byte ranges of the lines in `bytes` from offset `start`, without their line breaks ("\n", "\r\n", "\r");
/// always at least one (possibly empty) line.
private func lineRanges(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Range<Int>] {
    let count = bytes.count
    var lines = [Range<Int>]()
    var lineStart = start
    var nextLineFeed = offset(of: 0x0A, in: bytes, from: start)
    var nextReturn = offset(of: 0x0D, in: bytes, from: start)
    while true {
        let end = min(nextLineFeed, nextReturn)
        lines.append(lineStart..<end)
        guard end < count else { return lines }
        lineStart = end + 1
        if end == nextReturn && lineStart < count && bytes[lineStart] == 0x0A { lineStart += 1 }
        if nextLineFeed < lineStart { nextLineFeed = offset(of: 0x0A, in: bytes, from: lineStart) }
        if nextReturn < lineStart { nextReturn = offset(of: 0x0D, in: bytes, from: lineStart) }
    }
}

/// The offset of the first `byte` in `bytes` at or after `start`, or `bytes.count` if there is none.
private func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard start < bytes.count, let base = bytes.baseAddress,
          let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
}

/// The comma-separated cells of one CSV line, without surrounding spaces and tabs. One allocation for the
/// list (cells of up to 15 bytes live inside their `String`), none for the line.
func cells(_ line: Substring) -> [String] {
    if let cells = line.utf8.withContiguousStorageIfAvailable(cells(in:)) { return cells }
    var copy = String(line)
    return copy.withUTF8(cells(in:))
}

/// The comma-separated cells of the UTF-8 `bytes` of one line, trimmed.
private func cells(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var commas = 0
    var next = offset(of: UInt8(ascii: ","), in: bytes, from: 0)
    while next < bytes.count {
        commas += 1
        next = offset(of: UInt8(ascii: ","), in: bytes, from: next + 1)
    }
    var cells = [String]()
    cells.reserveCapacity(commas + 1)
    var cellStart = 0
    while true {
        let end = offset(of: UInt8(ascii: ","), in: bytes, from: cellStart)
        cells.append(trimmedCell(UnsafeBufferPointer(rebasing: bytes[cellStart..<end])))
        guard end < bytes.count else { return cells }
        cellStart = end + 1
    }
}

/// The text of `bytes` without leading and trailing spaces and tabs.
private func trimmedCell(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
        return ""
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[first...last]), as: UTF8.self)
}
