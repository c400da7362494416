/// The three entries of a .npy header dictionary.
struct NpyHeader: Equatable {
    /// The dtype description, e.g. `<f4`.
    var descr: String
    /// Whether the data is stored in column-major order.
    var fortranOrder: Bool
    /// The dimensions as written; they may be negative (validated later).
    var shape: [Int]
}

/// Why a .npy header dictionary could not be parsed, as a one-line phrase.
struct NpyHeaderProblem: Error {
    /// The one-line explanation.
    let message: String
}

/// A strict parser for the Python-literal dictionary in a .npy header:
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (8, 100), }` followed by padding.
///
/// Exactly the keys `descr` (a string), `fortran_order` (`True`/`False`) and `shape` (a tuple of integers) are
/// accepted, each once, in any order. A list as `descr` is a structured dtype and is refused.
struct NpyHeaderParser {
    private let bytes: [UInt8]
    private var position = 0

    /// Parses `bytes`, the header text after the length field.
    static func parse(_ bytes: [UInt8]) throws(NpyHeaderProblem) -> NpyHeader {
        var parser = NpyHeaderParser(bytes: bytes)
        return try parser.parseDictionary()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func parseDictionary() throws(NpyHeaderProblem) -> NpyHeader {
        skipWhitespace()
        try expect(UInt8(ascii: "{"), "the header must start with '{'")
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        var seen = Set<String>()
        skipWhitespace()
        while peek() != UInt8(ascii: "}") {
            let key = try parseString(what: "a key")
            guard !seen.contains(key) else { throw fail("duplicate key '\(key)'") }
            seen.insert(key)
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after key '\(key)'")
            skipWhitespace()
            switch key {
            case "descr":
                if peek() == UInt8(ascii: "[") {
                    throw fail("structured dtypes (a list as 'descr') are not supported")
                }
                guard peek() == UInt8(ascii: "'") || peek() == UInt8(ascii: "\"") else {
                    throw fail("'descr' must be a string")
                }
                descr = try parseString(what: "a string")
            case "fortran_order":
                if consume("True") {
                    fortranOrder = true
                } else if consume("False") {
                    fortranOrder = false
                } else {
                    throw fail("'fortran_order' must be True or False")
                }
            case "shape":
                guard peek() == UInt8(ascii: "(") else { throw fail("'shape' must be a tuple of integers") }
                shape = try parseTuple()
            default:
                throw fail("unexpected key '\(key)' (expected 'descr', 'fortran_order', 'shape')")
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
            } else if peek() != UInt8(ascii: "}") {
                throw fail("expected ',' or '}' after the value of '\(key)'")
            }
        }
        position += 1
        skipWhitespace()
        guard position == bytes.count else { throw fail("unexpected text after the closing '}'") }
        guard let descr else { throw NpyHeaderProblem(message: "the header has no 'descr' key") }
        guard let fortranOrder else { throw NpyHeaderProblem(message: "the header has no 'fortran_order' key") }
        guard let shape else { throw NpyHeaderProblem(message: "the header has no 'shape' key") }
        return NpyHeader(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private mutating func parseString(what: String) throws(NpyHeaderProblem) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw fail("expected \(what) in quotes")
        }
        position += 1
        let start = position
        while let byte = peek(), byte != quote {
            if byte == UInt8(ascii: "\\") { throw fail("escape sequences in strings are not supported") }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { throw fail("unterminated string") }
            position += 1
        }
        guard peek() == quote else { throw fail("unterminated string") }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return text
    }

    /// A Python tuple of integers: `()`, `(3,)`, `(8, 100)`, `(8, 100,)`; `(3)` is an integer, not a tuple.
    private mutating func parseTuple() throws(NpyHeaderProblem) -> [Int] {
        position += 1
        skipWhitespace()
        var values = [Int]()
        var trailingComma = false
        while peek() != UInt8(ascii: ")") {
            values.append(try parseInteger())
            skipWhitespace()
            trailingComma = false
            if peek() == UInt8(ascii: ",") {
                position += 1
                trailingComma = true
                skipWhitespace()
            } else if peek() != UInt8(ascii: ")") {
                throw fail("expected ',' or ')' in the shape tuple")
            }
        }
        position += 1
        if values.count == 1 && !trailingComma {
            throw fail("'shape' (\(values[0])) is an integer, not a tuple; a one-element tuple needs a trailing comma")
        }
        return values
    }

    private mutating func parseInteger() throws(NpyHeaderProblem) -> Int {
        let negative = peek() == UInt8(ascii: "-")
        if negative { position += 1 }
        var magnitude = 0
        var digits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (scaled, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = scaled.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { throw fail("a dimension in 'shape' is too large") }
            magnitude = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw fail("expected an integer in the shape tuple") }
        if peek() == UInt8(ascii: "L") { position += 1 }  // Python 2 long literal, as in old files.
        return negative ? -magnitude : magnitude
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(NpyHeaderProblem) {
        guard peek() == byte else { throw fail(message) }
        position += 1
    }

    private mutating func consume(_ word: String) -> Bool {
        let wordBytes = Array(word.utf8)
        guard position + wordBytes.count <= bytes.count,
              bytes[position..<(position + wordBytes.count)].elementsEqual(wordBytes) else { return false }
        let next = position + wordBytes.count < bytes.count ? bytes[position + wordBytes.count] : nil
        if let next, next == UInt8(ascii: "_") || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z"))
            || (next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9")) {
            return false
        }
        position += wordBytes.count
        return true
    }

    private func fail(_ message: String) -> NpyHeaderProblem {
        NpyHeaderProblem(message: "\(message) at byte \(position) of the header")
    }
}
