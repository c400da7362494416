/// A parsed JSON value that keeps object keys in file order and numbers as their literal text.
indirect enum JSONValue: Equatable {
    /// An object, its members in file order (keys are unique).
    case object([(key: String, value: JSONValue)])
    /// An array.
    case array([JSONValue])
    /// A string.
    case string(String)
    /// A number, as written in the file.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// A short name of the value's kind, for error messages.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number(let text): text.contains(where: { ".eE".contains($0) }) ? "a non-integer number" : "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The value as an integer if it is a number literal without fraction or exponent that fits in `Int`.
    var integer: Int? {
        guard case .number(let text) = self else { return nil }
        return Int(text)
    }
}
