/// Whether an attribute has two classes (scored by one margin) or more (scored per class).
public enum AttributeKind: String, Codable, Sendable, CaseIterable {
    /// Two classes, 0 and 1.
    case binary
    /// Two or more classes, 0..<K.
    case multiclass
}
