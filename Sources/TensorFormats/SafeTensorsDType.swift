/// The safetensors element types this module reads; F16 and BF16 are read as Float, and written never.
public enum SafeTensorsDType: String, Sendable, CaseIterable {
    /// 64-bit IEEE float.
    case F64
    /// 32-bit IEEE float.
    case F32
    /// 16-bit IEEE float (read as Float).
    case F16
    /// bfloat16 (read as Float).
    case BF16
    /// 64-bit signed integer.
    case I64
    /// 32-bit signed integer.
    case I32
    /// 8-bit unsigned integer.
    case U8

    /// The number of bytes one element occupies in the file.
    public var byteSize: Int {
        switch self {
        case .F64, .I64: 8
        case .F32, .I32: 4
        case .F16, .BF16: 2
        case .U8: 1
        }
    }

    /// The dtype written for elements of `type`.
    public init(_ type: ElementType) {
        switch type {
        case .float32: self = .F32
        case .float64: self = .F64
        case .int32: self = .I32
        case .int64: self = .I64
        case .uint8: self = .U8
        }
    }

    /// Dtype names of the safetensors specification that this module recognises but does not read.
    static let unsupportedNames: Set<String> = [
        "BOOL", "I8", "I16", "U16", "U32", "U64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4", "F6_E2M3", "F6_E3M2", "C64",
    ]

    /// The supported dtype names, for error messages.
    static let supportedList = allCases.map(\.rawValue).joined(separator: ", ")
}
