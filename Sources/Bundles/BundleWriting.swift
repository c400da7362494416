import Foundation
import TensorFormats

extension EditBundle {
    /// The bundle's tensors: each classifier's (`target.` and `protected.<name>.` prefixes, as
    /// `MLPClassifier.namedTensors` names them) and each attribute's saliency (`saliency.<name>.`, see
    /// `saliencyArrays`).
    public var arrays: [String: NumericArray] {
        var arrays = [String: NumericArray]()
        for (attribute, prefix) in [(target, targetPrefix)] + protected.map({ ($0, protectedPrefix($0.name)) }) {
            for (name, tensor) in attribute.classifier.namedTensors(prefix: prefix) { arrays[name] = NumericArray(tensor) }
            arrays.merge(saliencyArrays(attribute.saliency, prefix: saliencyPrefix(attribute.name))) { a, _ in a }
        }
        return arrays
    }

    /// The JSON document stored under `metadataKey`: compact, keys sorted, so equal bundles give equal bytes.
    public func metadataJSON() throws -> String {
        let document = BundleDocument(
            format: Self.formatName, formatVersion: Self.formatVersion, generator: generator,
            target: AttributeRecord(target, prefix: targetPrefix),
            protected: protected.map { AttributeRecord($0, prefix: protectedPrefix($0.name)) },
            method: method, maskChoice: maskChoice, editDefaults: editDefaults, dataset: dataset,
            styleLayers: styleLayers.map { [$0.lowerBound, $0.upperBound] }, classMethods: classMethods,
            warnings: warnings.isEmpty ? nil : warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// Writes the bundle as one safetensors file at `path`, atomically.
    public func write(to path: String) throws {
        try reportingErrors(about: path) {
            try writeSafeTensors(arrays: arrays, metadata: [Self.metadataKey: metadataJSON()], to: path)
        }
    }
}
