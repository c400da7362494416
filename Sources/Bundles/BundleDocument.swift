import Editing
import Generator
import LatentClassifier
import Saliency

/// The JSON document stored under `EditBundle.metadataKey`, field for field (see docs/bundle-format.md).
struct BundleDocument: Codable {
    /// Always `EditBundle.formatName`.
    var format: String
    /// `EditBundle.formatVersion` when written.
    var formatVersion: Int
    /// The generator the latents belong to.
    var generator: GeneratorIdentity
    /// The edited attribute.
    var target: AttributeRecord
    /// The protected attributes, in order.
    var protected: [AttributeRecord]
    /// The default method.
    var method: EditMethod
    /// The trade-off table and choice, when the method was chosen automatically.
    var maskChoice: MaskChoice?
    /// The default edit settings.
    var editDefaults: EditSettings
    /// The training data's provenance.
    var dataset: DatasetProvenance
    /// The W+ layers an edit writes, `[lo, hi]` (from lo up to but not including hi); absent for every layer.
    var styleLayers: [Int]?
    /// The method per class where it differs from `method` (version 4); absent: `method` for every class.
    var classMethods: [String: EditMethod]?
    /// Lines a person should read before trusting the bundle; absent when there are none.
    var warnings: [String]?
}

/// The first two fields alone, read before the rest so that another format or version is named clearly.
struct BundleFormatHeader: Codable {
    /// The format's name.
    var format: String
    /// The format's version.
    var formatVersion: Int
}

/// One attribute's entry in the document.
struct AttributeRecord: Codable {
    /// The attribute's name.
    var name: String
    /// "binary" or "multiclass".
    var kind: String
    /// The class names in class order.
    var classNames: [String]
    /// The classifier's shape.
    var architecture: ClassifierArchitecture
    /// Always `standardization`: inputs are (z − mean) / deviation, per channel, from the tensors
    /// `<tensorPrefix>standardization.mean` and `.deviation`.
    var inputNormalization: String
    /// The prefix of the classifier's tensor names.
    var tensorPrefix: String
    /// The prefix of the attribute's saliency tensor names.
    var saliencyPrefix: String
    /// The number of latents the saliency was measured on.
    var saliencySampleCount: Int
    /// The trainer's metrics.
    var trainingMetrics: [String: Double]
}

/// The only input normalisation this version knows.
let standardizationName = "standardization"

/// The tensor-name prefix of the target classifier.
let targetPrefix = "target."

/// The tensor-name prefix of a protected attribute's classifier.
func protectedPrefix(_ name: String) -> String { "protected.\(name)." }

/// The tensor-name prefix of an attribute's saliency.
func saliencyPrefix(_ name: String) -> String { "saliency.\(name)." }

extension AttributeRecord {
    /// The record of `attribute`, whose classifier tensors are named with `prefix`.
    init(_ attribute: BundleAttribute, prefix: String) {
        self.init(name: attribute.name, kind: attribute.kind, classNames: attribute.classNames,
                  architecture: attribute.classifier.architecture, inputNormalization: standardizationName,
                  tensorPrefix: prefix, saliencyPrefix: Bundles.saliencyPrefix(attribute.name),
                  saliencySampleCount: attribute.saliency.sampleCount, trainingMetrics: attribute.trainingMetrics)
    }
}
