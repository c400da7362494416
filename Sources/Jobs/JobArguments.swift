import Diagnostics

extension ArgumentName {
    /// The class count of a softmax head.
    public static let multiclass = ArgumentName(rawValue: "multiclass")
    /// Editing only latents outside the target class.
    public static let outsideTarget = ArgumentName(rawValue: "outsideTarget")
    /// The attributes an edit must leave alone.
    public static let protected = ArgumentName(rawValue: "protected")
    /// The W+ layers an edit writes.
    public static let layers = ArgumentName(rawValue: "layers")
}

/// How the editor treats the protected attributes, unless masks are given explicitly.
public enum EditJobMethod: String, Sendable, CaseIterable {
    /// The bundle's own method.
    case bundle
    /// The plain gradient, nothing protected.
    case plain
    /// The protected classifiers' gradients projected out at every step.
    case projected
    /// Projection with restoring corrections toward the protected outputs at the path's start.
    case restored
}
