/// The .npy `descr` strings this module reads and writes, and the checks that refuse all others.
enum NpyDType {
    /// The `descr` numpy writes for `type` on a little-endian machine.
    static func descr(for type: ElementType) -> String {
        switch type {
        case .float32: "<f4"
        case .float64: "<f8"
        case .int32: "<i4"
        case .int64: "<i8"
        case .uint8: "|u1"
        }
    }

    /// The descriptions accepted, for error messages.
    static let supportedList = "<f4, <f8, <f2, <i4, <i8, |u1"
    /// Half precision, read as float32 (never written).
    static let halfDescr = "<f2"

    /// The element type `descr` names, or the reason (one line) it is refused.
    static func elementType(for descr: String) -> Result<ElementType, NpyDTypeProblem> {
        let characters = Array(descr)
        guard let first = characters.first else { return .failure(.init("empty dtype descr ''")) }
        let order: Character?
        let body: String
        if "<>|=".contains(first) {
            order = first
            body = String(characters.dropFirst())
        } else {
            order = nil
            body = descr
        }
        guard let kind = body.first else { return .failure(.init("dtype '\(descr)' names no type")) }
        let sizeText = body.dropFirst()
        if kind == "O" {
            return .failure(.init("object arrays (dtype '\(descr)') are not supported; they hold Python objects, not numbers"))
        }
        if kind == "V" {
            return .failure(.init("structured or void dtype '\(descr)' is not supported"))
        }
        let known: [String: ElementType] = ["f4": .float32, "f8": .float64, "i4": .int32, "i8": .int64, "u1": .uint8]
        let otherKnownKinds: Set<Character> = ["b", "i", "u", "f", "c", "S", "U", "a", "M", "m"]
        guard let type = known[body] else {
            if otherKnownKinds.contains(kind), sizeText.isEmpty || sizeText.first!.isASCII && sizeText.first!.isNumber {
                return .failure(.init("dtype '\(descr)' is not supported (supported: \(supportedList))"))
            }
            return .failure(.init("unknown dtype '\(descr)' (supported: \(supportedList))"))
        }
        if type.byteSize == 1 { return .success(type) }
        switch order {
        case "<": return .success(type)
        case ">":
            return .failure(.init("big-endian dtype '\(descr)' is not supported; convert with arr.astype('<\(body)')"))
        case "|":
            return .failure(.init("byte order '|' is not valid for the multi-byte dtype '\(descr)'"))
        case "=":
            return .failure(.init("native byte order '=' in dtype '\(descr)' is ambiguous in a file; use '<\(body)'"))
        default:
            return .failure(.init("dtype '\(descr)' has no byte order mark; expected '<\(body)'"))
        }
    }
}

/// Why a .npy `descr` is refused, as a one-line phrase.
struct NpyDTypeProblem: Error {
    /// The one-line explanation.
    let message: String
    init(_ message: String) { self.message = message }
}
