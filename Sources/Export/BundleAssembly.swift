import Bundles
import Diagnostics
import Editing
import Generator
import Saliency
import Trainer

/// What a run knows when it assembles its bundle: the trained classifiers (target first) with their saliency, the
/// chosen method (and its exceptions by class index), the mask choice, the edit defaults, the generator and the
/// dataset they came from.
public struct BundleContents {
    /// The target first, then the protected attributes.
    public var trained: [TrainedAttribute]
    /// Each trained attribute's saliency, in the same order.
    public var saliencies: [AttributeSaliency]
    /// The method of most classes.
    public var method: EditMethod
    /// The classes (by index) whose method differs.
    public var classMethods: [Int: EditMethod]
    /// The mask choice's table, when the choice was automatic.
    public var maskChoice: MaskChoice?
    /// The editor's defaults: steps, step length, the stop rule.
    public var editDefaults: EditSettings
    /// The generator the latents belong to.
    public var generator: GeneratorIdentity
    /// The dataset the classifiers learnt from.
    public var dataset: DatasetProvenance
    /// Whether the target was exported although no better than its baseline (recorded as `forcedBelowBaseline`).
    public var forcedBelowBaseline: Bool

    /// Contents from their parts.
    public init(trained: [TrainedAttribute], saliencies: [AttributeSaliency], method: EditMethod,
                classMethods: [Int: EditMethod], maskChoice: MaskChoice?, editDefaults: EditSettings,
                generator: GeneratorIdentity, dataset: DatasetProvenance, forcedBelowBaseline: Bool) {
        self.trained = trained
        self.saliencies = saliencies
        self.method = method
        self.classMethods = classMethods
        self.maskChoice = maskChoice
        self.editDefaults = editDefaults
        self.generator = generator
        self.dataset = dataset
        self.forcedBelowBaseline = forcedBelowBaseline
    }
}

/// The edit bundle of `contents`; a problem it finds names `path` (where the bundle will be written).
public func assembleBundle(_ contents: BundleContents, path: String) throws -> EditBundle {
    let target = contents.trained[0].attribute.name
    func bundleAttribute(_ trained: TrainedAttribute, _ saliency: AttributeSaliency) throws -> BundleAttribute {
        let forced = contents.forcedBelowBaseline && trained.attribute.name == target ? ["forcedBelowBaseline": 1.0] : [:]
        return try BundleAttribute(name: trained.attribute.name, classNames: trained.attribute.classes,
                                   classifier: trained.result.classifier,
                                   trainingMetrics: trained.bundleMetrics.merging(forced) { $1 }, saliency: saliency)
    }
    do {
        var bundle = try EditBundle(generator: contents.generator,
                                    target: try bundleAttribute(contents.trained[0], contents.saliencies[0]),
                                    protected: try zip(contents.trained.dropFirst(), contents.saliencies.dropFirst()).map(bundleAttribute),
                                    method: contents.method, maskChoice: contents.maskChoice,
                                    editDefaults: contents.editDefaults, dataset: contents.dataset)
        let classes = contents.trained[0].attribute.classes
        try bundle.setClassMethods(contents.classMethods.isEmpty ? nil
            : Dictionary(uniqueKeysWithValues: contents.classMethods.map { (classes[$0.key], $0.value) }))
        return bundle
    } catch let error as FileError where error.path == bundlePlaceholderPath {
        throw FileError(path: path, problem: error.problem)
    }
}
