/// A value in a labeller's parameter list: a number or a piece of text.
public enum ParameterValue: Codable, Sendable, Equatable, CustomStringConvertible {
    /// A number, such as a threshold.
    case number(Double)
    /// Text, such as the description of an image region.
    case text(String)

    /// Decodes a JSON number or string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    /// Encodes as a JSON number or string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        }
    }

    /// The number or the text.
    public var description: String {
        switch self {
        case .number(let number): return "\(number)"
        case .text(let text): return text
        }
    }
}
