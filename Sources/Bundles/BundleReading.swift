import Diagnostics
import Foundation
import Generator
import LatentClassifier
import NumericCore
import TensorFormats

extension EditBundle {
    /// Reads and checks the bundle at `path`; with `expected`, also that it was made for that generator.
    /// Throws a `FileError` naming the file and the first problem: not a complete safetensors file, no or
    /// invalid metadata, another format or version, another generator or latent dimension, inconsistent
    /// attributes, a tensor missing, misshapen, not finite or unexpected.
    public static func read(from path: String, expecting expected: GeneratorIdentity? = nil) throws -> EditBundle {
        let file = try reportingErrors(about: path) { try readSafeTensors(path) }
        return try EditBundle(file: file, expecting: expected)
    }

    /// The bundle held by an already read safetensors `file`, checked as `read(from:expecting:)` does.
    public init(file: SafeTensorsFile, expecting expected: GeneratorIdentity? = nil) throws {
        let path = file.source
        func failure(_ problem: String) -> FileError { FileError(path: path, problem: problem) }
        guard let json = file.metadata[Self.metadataKey] else {
            throw failure("no '\(Self.metadataKey)' entry in the safetensors metadata: not an edit bundle")
        }
        let data = Data(json.utf8)
        try requireStrictJSON(data, source: path, what: "metadata '\(Self.metadataKey)'")
        let header = try decodeMetadata(BundleFormatHeader.self, from: data, path: path)
        guard header.format == Self.formatName else {
            throw failure("metadata format is '\(header.format)', expected '\(Self.formatName)'")
        }
        guard Self.readableFormatVersions.contains(header.formatVersion) else {
            throw failure("bundle format version \(header.formatVersion); this program reads versions \(Self.readableFormatVersions.lowerBound) to \(Self.readableFormatVersions.upperBound)")
        }
        let document = try decodeMetadata(BundleDocument.self, from: data, path: path)
        if header.formatVersion == 1, case .restored = document.method {
            throw failure("method 'restored' needs bundle format version 2, the file says 1")
        }
        var styleLayers: Range<Int>?
        if let range = document.styleLayers {
            guard header.formatVersion >= 3 else {
                throw failure("'styleLayers' needs bundle format version 3, the file says \(header.formatVersion)")
            }
            guard range.count == 2, range[0] >= 0, range[0] < range[1], range[1] <= Self.maximumStyleLayers else {
                throw failure("'styleLayers' must be [lo, hi] with 0 ≤ lo < hi ≤ \(Self.maximumStyleLayers), is \(range)")
            }
            styleLayers = range[0]..<range[1]
        }
        let bundle = try reportingErrors(about: path) {
            let floatTensors = try file.names.reduce(into: [String: Tensor]()) { tensors, name in
                if file.tensors[name]!.array.floatTensor != nil { tensors[name] = try file.tensor(name) }
            }
            func attribute(_ record: AttributeRecord, prefix: String) throws -> BundleAttribute {
                try record.check(prefix: prefix, dimension: document.generator.latentDimension)
                let classifier = try MLPClassifier(architecture: record.architecture, tensors: floatTensors, prefix: prefix,
                                                   source: path)
                let saliency = try readSaliency(from: file, prefix: saliencyPrefix(record.name), attribute: record.name,
                                                classNames: record.classNames, architecture: record.architecture,
                                                sampleCount: record.saliencySampleCount)
                return try BundleAttribute(name: record.name, classNames: record.classNames, classifier: classifier,
                                           trainingMetrics: record.trainingMetrics, saliency: saliency)
            }
            if let expected { try document.generator.require(expected, path: path) }
            var bundle = try EditBundle(generator: document.generator, target: attribute(document.target, prefix: targetPrefix),
                                        protected: document.protected.map { try attribute($0, prefix: protectedPrefix($0.name)) },
                                        method: document.method, maskChoice: document.maskChoice,
                                        editDefaults: document.editDefaults, dataset: document.dataset)
            bundle.styleLayers = styleLayers
            if let warnings = document.warnings {
                guard warnings.count <= 16, warnings.allSatisfy({ !$0.isEmpty && $0.count <= 2000 && !$0.contains("\n") }) else {
                    throw failure("'warnings' must be at most 16 non-empty lines of at most 2000 characters")
                }
                bundle.warnings = warnings
            }
            if let classMethods = document.classMethods {
                guard header.formatVersion >= 4 else {
                    throw FileError(path: path, problem: "'classMethods' needs bundle format version 4, the file says \(header.formatVersion)")
                }
                try bundle.setClassMethods(classMethods)
            }
            return bundle
        }
        let expectedNames = bundle.arrays
        if let unexpected = file.names.first(where: { expectedNames[$0] == nil }) {
            throw failure("unexpected tensor '\(unexpected)' (a bundle holds only its classifiers and their saliency)")
        }
        self = bundle
    }
}

extension AttributeRecord {
    /// Throws unless the record describes a usable classifier of `dimension` inputs whose tensors are named
    /// with `prefix`, with names and kind that agree with it.
    func check(prefix: String, dimension: Int) throws {
        func failure(_ problem: String) -> FileError { FileError(path: bundlePlaceholderPath, problem: "attribute '\(name)': \(problem)") }
        let a = architecture
        guard a.inputDimension > 0, a.classCount >= 2, a.hidden.allSatisfy({ $0 > 0 }), a.leakySlope.isFinite,
              a.head == .softmax || a.classCount == 2 else {
            throw failure("invalid classifier architecture \(a.summary) with \(a.classCount) classes")
        }
        guard a.inputDimension == dimension else {
            throw failure("its classifier takes \(a.inputDimension)-dimensional latents, the bundle's generator has \(dimension)")
        }
        guard kind == (a.classCount == 2 ? "binary" : "multiclass") else {
            throw failure("kind '\(kind)' does not fit a classifier of \(a.classCount) classes")
        }
        guard inputNormalization == standardizationName else {
            throw failure("unknown input normalisation '\(inputNormalization)' (known: \(standardizationName))")
        }
        guard tensorPrefix == prefix, saliencyPrefix == Bundles.saliencyPrefix(name) else {
            throw failure("tensor prefixes '\(tensorPrefix)' and '\(saliencyPrefix)' should be '\(prefix)' and '\(Bundles.saliencyPrefix(name))'")
        }
        guard saliencySampleCount > 0 else { throw failure("its saliency sample count must be positive") }
    }
}
