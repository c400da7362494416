import Diagnostics

extension ArgumentName {
    /// Editing only latents outside the target class.
    public static let outsideTarget = ArgumentName(rawValue: "outsideTarget")
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
