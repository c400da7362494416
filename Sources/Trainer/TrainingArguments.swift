import Diagnostics

extension ArgumentName {
    /// The class count of a softmax head.
    public static let multiclass = ArgumentName(rawValue: "multiclass")
    /// The attributes an edit must leave alone.
    public static let protected = ArgumentName(rawValue: "protected")
}
