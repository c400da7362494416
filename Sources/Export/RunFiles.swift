import Foundation

/// The files one training run writes into its folder, by name: the target's classifier, one classifier per
/// protected attribute, the edit bundle and the reports folder. The names carry the target, so that a run for one
/// target never replaces another target's files in the same folder.
public struct RunFiles: Sendable, Equatable {
    /// The folder the run writes into.
    public let folder: String
    /// The run's target attribute.
    public let target: String
    /// The attributes the run protects.
    public let protected: [String]

    /// The files of a run for `target` protecting `protected`, in `folder`.
    public init(folder: String, target: String, protected: [String]) {
        self.folder = folder
        self.target = target
        self.protected = protected
    }

    /// `<attribute>.classifier.safetensors` for the target; `<target>-protects-<attribute>.classifier.safetensors`
    /// for an attribute it protects.
    public func classifierName(_ attribute: String) -> String {
        attribute == target ? "\(attribute).classifier.safetensors" : "\(target)-protects-\(attribute).classifier.safetensors"
    }

    /// `<target>.bundle.safetensors`.
    public var bundleName: String { "\(target).bundle.safetensors" }

    /// `reports/<target>`: metrics, curves, confusion matrix, saliency and trade-off charts.
    public var reportsName: String { "reports/\(target)" }

    /// Every name the run writes, the target's classifier first: the set that is committed together.
    public var allNames: [String] { ([target] + protected).map(classifierName) + [reportsName, bundleName] }

    /// The path of `attribute`'s classifier.
    public func classifierPath(_ attribute: String) -> String { path(classifierName(attribute)) }

    /// The path of the bundle.
    public var bundlePath: String { path(bundleName) }

    /// The path of the reports folder.
    public var reportFolder: String { path(reportsName) }

    /// The same names in another folder (the staging folder a run writes into before its commit).
    public func moved(to other: String) -> RunFiles { RunFiles(folder: other, target: target, protected: protected) }

    private func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
}
