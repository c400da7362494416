import Editing
import Diagnostics
import Generator
import LatentClassifier
import Saliency

/// Everything an edit of one attribute needs, as one file: the target attribute's classifier, the classifiers
/// of the attributes it protects, their saliency, the chosen method with its trade-off table, the edit
/// defaults, and where it all came from. See docs/bundle-format.md.
public struct EditBundle: Sendable {
    /// The `__metadata__` key holding the bundle's JSON document.
    public static let metadataKey = "gradctrl.bundle"
    /// The value of the document's "format" field.
    public static let formatName = "gradctrl-edit-bundle"
    /// The format version this code writes. Version 2 added the `restored` method, version 3 the W+ layer range
    /// `styleLayers`, version 4 a method per class (`classMethods`); older bundles (which cannot hold them) are
    /// read as before.
    public static let formatVersion = 4
    /// Every version this code reads.
    public static let readableFormatVersions = 1...4
    /// The most W+ layers a range may reach.
    public static let maximumStyleLayers = 256

    /// The generator whose latents the bundle edits.
    public let generator: GeneratorIdentity
    /// The attribute the bundle edits.
    public let target: BundleAttribute
    /// The attributes an edit protects, in order.
    public let protected: [BundleAttribute]
    /// The method edits use by default.
    public let method: EditMethod
    /// The measurements behind `method`, when it was chosen automatically.
    public let maskChoice: MaskChoice?
    /// The default steps, step length, stop probability and norm keeping.
    public let editDefaults: EditSettings
    /// The dataset the classifiers were trained on.
    public let dataset: DatasetProvenance
    /// For a style-based generator in W space: the W+ layers an edit writes (the others keep the start), or nil
    /// for every layer.
    public var styleLayers: Range<Int>?
    /// What a person should know before trusting the bundle, one line each (e.g. a target exported below its
    /// baseline because it was forced); empty for most bundles. Stored from format version 4 on; older readers
    /// ignore it.
    public var warnings: [String] = []
    /// The method edits toward a class use, by class name, where it differs from `method` (chosen per class by a
    /// judge the edit does not use); nil or missing classes: `method`. Set it with `setClassMethods`.
    public private(set) var classMethods: [String: EditMethod]?

    /// Sets `classMethods`; throws unless every key is a class of the target and every method fits the protected
    /// attributes. Entries equal to `method` are dropped, and an empty table becomes nil.
    public mutating func setClassMethods(_ methods: [String: EditMethod]?) throws {
        func failure(_ problem: String) -> FileError { FileError(path: bundlePlaceholderPath, problem: problem) }
        guard let methods else { classMethods = nil; return }
        for (name, classMethod) in methods {
            guard target.classNames.contains(name) else {
                throw failure("'classMethods' names '\(name)', which is not a class of '\(target.name)' (\(target.classNames.joined(separator: ", ")))")
            }
            try reportingErrors(about: bundlePlaceholderPath) {
                try classMethod.validate(for: protectedAttributes, dimension: generator.latentDimension)
            }
        }
        let differing = methods.filter { $0.value != method }
        classMethods = differing.isEmpty ? nil : differing
    }

    /// The method edits toward class `index` of the target use by default.
    public func method(towardClass index: Int) -> EditMethod {
        classMethods?[target.classNames[index]] ?? method
    }

    /// A bundle; throws if the parts do not fit together: every classifier must take the generator's latent
    /// dimension, attribute names must be distinct, and `method` must fit the protected attributes.
    public init(generator: GeneratorIdentity, target: BundleAttribute, protected: [BundleAttribute], method: EditMethod,
                maskChoice: MaskChoice?, editDefaults: EditSettings, dataset: DatasetProvenance) throws {
        func failure(_ problem: String) -> FileError { FileError(path: bundlePlaceholderPath, problem: problem) }
        for attribute in [target] + protected where attribute.classifier.architecture.inputDimension != generator.latentDimension {
            throw failure("the classifier of '\(attribute.name)' takes \(attribute.classifier.architecture.inputDimension) inputs, the generator's latents have \(generator.latentDimension)")
        }
        let names = [target.name] + protected.map(\.name)
        guard Set(names).count == names.count else { throw failure("attribute names repeat: \(names)") }
        if let maskChoice {
            guard maskChoice.rows.indices.contains(maskChoice.chosenRow),
                  maskChoice.rows.indices.contains(maskChoice.bestMaskedRow) else {
                throw failure("the mask choice picks row \(maskChoice.chosenRow) and \(maskChoice.bestMaskedRow) of a table of \(maskChoice.rows.count) rows")
            }
        }
        try reportingErrors(about: bundlePlaceholderPath) {
            try method.validate(for: protected.map { ProtectedAttribute(name: $0.name, classifier: $0.classifier) },
                                dimension: generator.latentDimension)
        }
        self.generator = generator
        self.target = target
        self.protected = protected
        self.method = method
        self.maskChoice = maskChoice
        self.editDefaults = editDefaults
        self.dataset = dataset
    }

    /// The protected attributes as the editor takes them.
    public var protectedAttributes: [ProtectedAttribute] {
        protected.map { ProtectedAttribute(name: $0.name, classifier: $0.classifier) }
    }

    /// The index of the target attribute's class called `className`, or given by its index (`"3"`); throws
    /// naming the classes with their indices if neither fits.
    public func classIndex(of className: String) throws -> Int {
        if let index = target.classNames.firstIndex(of: className) { return index }
        if let index = Int(className), target.classNames.indices.contains(index) { return index }
        let classes = target.classNames.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", ")
        throw FileError(path: bundlePlaceholderPath, problem: "attribute '\(target.name)' has no class '\(className)' (classes: \(classes))")
    }

    /// The edit toward the target attribute's class `className`.
    public func editTarget(toClass className: String) throws -> EditTarget {
        try EditTarget(attribute: target.name, classifier: target.classifier, classIndex: classIndex(of: className))
    }

    /// Every direction of the target attribute: for a binary one class 1 then class 0, for a multiclass one
    /// every class in order.
    public var editTargets: [EditTarget] {
        EditTarget.allDirections(attribute: target.name, classifier: target.classifier)
    }
}
