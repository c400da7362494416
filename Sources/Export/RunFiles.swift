import Diagnostics
import FileStorage
import Foundation

/// The files one training run writes, by name, in the run's own folder `<output>/<dataset>/<target>/`
/// (`runFolder(output:dataset:target:)`): the target's classifier, one classifier per protected attribute, the
/// edit bundle, the reports folder and the run manifest. A run's folder names the dataset (its folder's last path
/// component) and the target, so runs on other datasets or for other targets never write into it; the file names
/// still carry the target, so a file copied elsewhere says what it is.
public struct RunFiles: Sendable, Equatable {
    /// The run's folder.
    public let folder: String
    /// The run's target attribute.
    public let target: String
    /// The attributes the run protects.
    public let protected: [String]

    /// The files of a run for `target` protecting `protected`, in `folder` (the run's own folder).
    public init(folder: String, target: String, protected: [String]) {
        self.folder = folder
        self.target = target
        self.protected = protected
    }

    /// `<output>/<dataset>/<target>`: the folder of the run for `target` on the dataset in `dataset`, where
    /// `<dataset>` is that folder's last path component (after resolving "." and ".."). It must be a safe file name
    /// (`fileNameProblem`), else a `FileError` about `dataset`; so must `target`.
    public static func runFolder(output: String, dataset: String, target: String) throws -> String {
        let name = datasetName(dataset)
        if let problem = fileNameProblem(name, what: "the dataset folder's name") {
            throw FileError(path: dataset, problem: problem + " (it names the run's folder)")
        }
        let targetName = try requireFileName(target, what: "attribute name", source: target)
        return ((output as NSString).appendingPathComponent(name) as NSString).appendingPathComponent(targetName)
    }

    /// The last path component of the dataset folder `dataset`, "." and ".." resolved.
    static func datasetName(_ dataset: String) -> String {
        URL(fileURLWithPath: dataset).standardizedFileURL.lastPathComponent
    }

    /// `<attribute>.classifier.safetensors` for the target; `<target>-protects-<attribute>.classifier.safetensors`
    /// for an attribute it protects.
    public func classifierName(_ attribute: String) -> String {
        attribute == target ? "\(attribute).classifier.safetensors" : "\(target)-protects-\(attribute).classifier.safetensors"
    }

    /// `<target>.bundle.safetensors`.
    public var bundleName: String { "\(target).bundle.safetensors" }

    /// `reports`: metrics, curves, confusion matrix, saliency and trade-off charts.
    public var reportsName: String { "reports" }

    /// `run.json`: what made the run (`RunManifest`).
    public static let manifestName = "run.json"

    /// Every name the run writes, the target's classifier first, the manifest last: the run's complete set.
    public var allNames: [String] { ([target] + protected).map(classifierName) + [reportsName, bundleName, Self.manifestName] }

    /// The path of `attribute`'s classifier.
    public func classifierPath(_ attribute: String) -> String { path(classifierName(attribute)) }

    /// The path of the bundle.
    public var bundlePath: String { path(bundleName) }

    /// The path of the reports folder.
    public var reportFolder: String { path(reportsName) }

    /// The path of the run manifest.
    public var manifestPath: String { path(Self.manifestName) }

    /// The same names in another folder (the staging folder a run writes into before its commit).
    public func moved(to other: String) -> RunFiles { RunFiles(folder: other, target: target, protected: protected) }

    private func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
}
