import Generator
import Foundation
import NumericCore
import TensorFormats

/// A file of discovered directions: one safetensors file whose JSON metadata (under `metadataKey`) says which
/// generator the directions belong to, which method found them with which settings, and, per direction, how a
/// latent moves (a unit vector, or an MLP path stored as its layers), its standard deviation and what it is
/// known to change. Methods may add tensors of their own (TCA: its bases and regression) under
/// `"<method>."` names, each described in the metadata. The format is in `docs/directions-format.md`.
public struct DirectionsFile: Sendable, Equatable {
    /// The metadata's `format` value.
    public static let formatName = "gradctrl-directions"
    /// The format version this program writes and reads.
    public static let formatVersion = 1
    /// The safetensors metadata key of the JSON document.
    public static let metadataKey = "directions"

    /// The generator whose latents the directions move.
    public var generator: GeneratorIdentity
    /// The method that found them: "tca", "ganspace", "sefa", "manifolds", ….
    public var method: String
    /// The method's settings as text, by name (e.g. "block": "1").
    public var settings: [String: String]
    /// The directions, in the method's order.
    public var directions: [DiscoveredDirection]
    /// The method's own tensors, named `"<method>.<name>"`, with a description each.
    public var methodTensors: [String: (array: NumericArray, description: String)]

    /// A file from its parts.
    public init(generator: GeneratorIdentity, method: String, settings: [String: String],
                directions: [DiscoveredDirection], methodTensors: [String: (array: NumericArray, description: String)] = [:]) {
        self.generator = generator
        self.method = method
        self.settings = settings
        self.directions = directions
        self.methodTensors = methodTensors
    }

    public static func == (a: DirectionsFile, b: DirectionsFile) -> Bool {
        a.generator == b.generator && a.method == b.method && a.settings == b.settings && a.directions == b.directions
            && a.methodTensors.mapValues(\.array) == b.methodTensors.mapValues(\.array)
            && a.methodTensors.mapValues(\.description) == b.methodTensors.mapValues(\.description)
    }

    /// The direction whose id is `key`, else the one labelled `key` (the first, which is the method's leading
    /// one, when several share the label; see `directions(labelled:)`); nil if none.
    public func direction(_ key: String) -> DiscoveredDirection? {
        directions.first { $0.id == key } ?? directions(labelled: key).first
    }

    /// The directions labelled `key`, in the file's order. Labels are compared in the current scheme
    /// (`currentDirectionLabel`), so that a label stored by an older version ("lightness+") and its current form
    /// ("lightness.light") pick the same directions, whichever of the two the file holds or `key` gives.
    public func directions(labelled key: String) -> [DiscoveredDirection] {
        let wanted = currentDirectionLabel(key)
        return directions.filter { $0.label.map { currentDirectionLabel($0) } == wanted }
    }

    /// Writes the file at `path`, atomically. The same contents give the same bytes.
    public func write(to path: String) throws {
        var arrays = [String: NumericArray]()
        var records = [DirectionRecord]()
        for direction in directions {
            records.append(DirectionRecord(direction))
            switch direction.path {
            case .linear(let vector):
                arrays[DirectionRecord.vectorName(direction.id)] = NumericArray(Tensor(shape: [vector.count], storage: vector))
            case .mlp(let mlp):
                for (index, layer) in mlp.layers.enumerated() {
                    let names = DirectionRecord.layerNames(direction.id, index)
                    arrays[names.weight] = NumericArray(layer.weight)
                    arrays[names.bias] = NumericArray(layer.bias)
                }
            }
        }
        for (name, entry) in methodTensors { arrays[name] = entry.array }
        let document = DirectionsDocument(format: Self.formatName, formatVersion: Self.formatVersion, generator: generator,
                                          method: method, settings: settings, directions: records,
                                          methodTensors: methodTensors.mapValues(\.description))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(document), as: UTF8.self)
        try writeSafeTensors(arrays: arrays, metadata: [Self.metadataKey: json], to: path)
    }
}

/// The JSON document of a directions file.
struct DirectionsDocument: Codable {
    let format: String
    let formatVersion: Int
    let generator: GeneratorIdentity
    let method: String
    let settings: [String: String]
    let directions: [DirectionRecord]
    let methodTensors: [String: String]

    enum CodingKeys: String, CodingKey {
        case format, generator, method, settings, directions
        case formatVersion = "format_version", methodTensors = "method_tensors"
    }
}

/// The first fields of the document, read before the rest so that another format or version gets a clear error.
struct DirectionsHeader: Codable {
    let format: String
    let formatVersion: Int
    enum CodingKeys: String, CodingKey { case format, formatVersion = "format_version" }
}

/// One direction in the JSON document.
struct DirectionRecord: Codable {
    let id: String
    let label: String?
    let kind: String
    let sigma: Double
    let summary: String
    let details: [String: Double]
    /// For "linear": the tensor holding the unit vector.
    let tensor: String?
    /// For "mlp_path": the layers' tensors and activations, and the input ("strength" or "latent_and_strength").
    let layers: [LayerRecord]?
    let input: String?

    struct LayerRecord: Codable {
        let weight: String
        let bias: String
        let activation: MLPPath.Activation
    }

    static let linearKind = "linear", mlpKind = "mlp_path"
    static let strengthInput = "strength", latentAndStrengthInput = "latent_and_strength"
    static func vectorName(_ id: String) -> String { "direction.\(id)" }
    static func layerNames(_ id: String, _ index: Int) -> (weight: String, bias: String) {
        ("path.\(id).\(index).weight", "path.\(id).\(index).bias")
    }

    init(_ direction: DiscoveredDirection) {
        id = direction.id
        label = direction.label
        sigma = direction.sigma
        summary = direction.summary
        details = direction.details
        switch direction.path {
        case .linear:
            kind = Self.linearKind
            tensor = Self.vectorName(direction.id)
            layers = nil
            input = nil
        case .mlp(let mlp):
            kind = Self.mlpKind
            tensor = nil
            layers = mlp.layers.indices.map { index in
                let names = Self.layerNames(direction.id, index)
                return LayerRecord(weight: names.weight, bias: names.bias, activation: mlp.layers[index].activation)
            }
            input = mlp.conditionedOnLatent ? Self.latentAndStrengthInput : Self.strengthInput
        }
    }
}
