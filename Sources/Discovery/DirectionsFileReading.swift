import Generator
import Diagnostics
import Foundation
import NumericCore
import TensorFormats

extension DirectionsFile {
    /// Reads and checks the directions file at `path`; with `expected`, also that it was made for that generator.
    /// Throws a `FileError` naming the file and the first problem: not a complete safetensors file, no or invalid
    /// metadata (not strict JSON, e.g. a duplicate key), another format or version, another generator, an
    /// identifier that is not a plain name or is repeated, a tensor missing, misshapen, not float32/float64, not
    /// finite or not described, a zero vector, or a standard deviation that is not a positive float32 value.
    public static func read(from path: String, expecting expected: GeneratorIdentity? = nil) throws -> DirectionsFile {
        let file: SafeTensorsFile
        do { file = try readSafeTensors(path) } catch let error as FileError {
            throw FileError(path: path, problem: error.problem)
        }
        return try DirectionsFile(file: file, path: path, expecting: expected)
    }

    /// The directions held by an already read safetensors `file`, checked as `read(from:expecting:)` does.
    public init(file: SafeTensorsFile, path: String, expecting expected: GeneratorIdentity? = nil) throws {
        var reader = DirectionsFileReader(file: file, path: path)
        let document = try reader.document(expecting: expected)
        var ids = Set<String>()
        let directions = try document.directions.map { record in
            guard ids.insert(record.id).inserted else { throw reader.failure("direction id '\(record.id)' appears twice") }
            return try reader.direction(record, dimension: document.generator.latentDimension)
        }
        let methodTensors = try reader.methodTensors(of: document)
        try reader.requireEveryTensorDescribed()
        self.init(generator: document.generator, method: document.method, settings: document.settings,
                  directions: directions, methodTensors: methodTensors)
    }
}

/// Reads a directions file's parts one check at a time, and remembers which tensors the metadata described.
private struct DirectionsFileReader {
    let file: SafeTensorsFile
    let path: String
    private(set) var used = Set<String>()

    init(file: SafeTensorsFile, path: String) {
        self.file = file
        self.path = path
    }

    func failure(_ problem: String) -> FileError { FileError(path: path, problem: problem) }

    /// The metadata document: strict JSON, this format and version, the generator `expected` (when given), a
    /// positive latent dimension and at least one direction.
    func document(expecting expected: GeneratorIdentity?) throws -> DirectionsDocument {
        let key = DirectionsFile.metadataKey
        guard let json = file.metadata[key] else {
            throw failure("no '\(key)' entry in the safetensors metadata: not a directions file")
        }
        let data = Data(json.utf8)
        // Foundation's decoder silently keeps one of two equal keys: refuse them first.
        try requireStrictJSON(data, source: path, what: "the '\(key)' metadata")
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(DirectionsHeader.self, from: data) else {
            throw failure("the '\(key)' metadata is not a directions document (no format and format_version)")
        }
        guard header.format == DirectionsFile.formatName else {
            throw failure("metadata format is '\(header.format)', expected '\(DirectionsFile.formatName)'")
        }
        guard header.formatVersion == DirectionsFile.formatVersion else {
            throw failure("directions format version \(header.formatVersion); this program reads version \(DirectionsFile.formatVersion)")
        }
        let document: DirectionsDocument
        do { document = try decoder.decode(DirectionsDocument.self, from: data) } catch {
            throw failure("invalid directions metadata: \(describe(error))")
        }
        if let expected { try document.generator.require(expected, path: path) }
        let d = document.generator.latentDimension
        guard d > 0 else { throw failure("latent dimension \(d) is not positive") }
        guard !document.directions.isEmpty else { throw failure("holds no directions") }
        return document
    }

    /// The tensor `name`: present, float32, of `shape` when given, finite; marked as described.
    mutating func floats(_ name: String, shape: [Int]? = nil, of owner: String) throws -> Tensor {
        guard let stored = file.tensors[name] else { throw failure("\(owner): tensor '\(name)' is missing") }
        guard let tensor = stored.array.floatTensor, stored.array.elementType == .float32 else {
            throw failure("\(owner): tensor '\(name)' is \(stored.array.elementType.rawValue), expected float32")
        }
        if let shape, tensor.shape != shape {
            throw failure("\(owner): tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        guard tensor.isFinite else { throw failure("\(owner): tensor '\(name)' holds NaN or infinite values") }
        used.insert(name)
        return tensor
    }

    /// One direction of latent dimension `d`: a plain id and label, a σ that fits float32, finite details, and its
    /// path (a unit vector, or an MLP whose layers chain to D).
    mutating func direction(_ record: DirectionRecord, dimension d: Int) throws -> DiscoveredDirection {
        let owner = "direction '\(record.id)'"
        guard isPlainName(record.id) else {
            throw failure("direction id '\(record.id)' is not a plain name (letters, digits, _ - . +; at most 64)")
        }
        if let label = record.label, !isPlainName(label) {
            throw failure("\(owner): label '\(label)' is not a plain name")
        }
        // Latents are float32: a σ beyond float32's range would move them to infinity.
        guard record.sigma.isFinite, record.sigma > 0, Float(record.sigma).isFinite else {
            throw failure("\(owner): sigma \(record.sigma) is not a positive float32 value")
        }
        guard record.details.values.allSatisfy(\.isFinite) else { throw failure("\(owner): a detail is not finite") }
        let path: DirectionPath
        switch record.kind {
        case DirectionRecord.linearKind: path = try linearPath(record, dimension: d, owner: owner)
        case DirectionRecord.mlpKind: path = try mlpPath(record, dimension: d, owner: owner)
        default:
            throw failure("\(owner): unknown kind '\(record.kind)' (known: \(DirectionRecord.linearKind), \(DirectionRecord.mlpKind))")
        }
        return DiscoveredDirection(id: record.id, label: record.label, sigma: record.sigma, path: path,
                                   summary: record.summary, details: record.details)
    }

    /// A straight direction: its tensor, a unit vector of length `d`.
    private mutating func linearPath(_ record: DirectionRecord, dimension d: Int, owner: String) throws -> DirectionPath {
        guard let name = record.tensor else { throw failure("\(owner): a linear direction needs 'tensor'") }
        let vector = try floats(name, shape: [d], of: owner).storage
        let length = vector.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        guard abs(length - 1) < 1e-3 else { throw failure("\(owner): tensor '\(name)' has length \(length), expected a unit vector") }
        return .linear(vector)
    }

    /// A curved direction: an MLP from the strength (and the latent, when conditioned) whose layers chain to `d`.
    private mutating func mlpPath(_ record: DirectionRecord, dimension d: Int, owner: String) throws -> DirectionPath {
        guard let records = record.layers, !records.isEmpty else { throw failure("\(owner): an MLP path needs 'layers'") }
        guard let input = record.input, [DirectionRecord.strengthInput, DirectionRecord.latentAndStrengthInput].contains(input) else {
            throw failure("\(owner): input must be '\(DirectionRecord.strengthInput)' or '\(DirectionRecord.latentAndStrengthInput)'")
        }
        let conditioned = input == DirectionRecord.latentAndStrengthInput
        var width = conditioned ? d + 1 : 1
        var layers = [MLPPath.Layer]()
        for (index, layer) in records.enumerated() {
            let weight = try floats(layer.weight, of: owner)
            guard weight.rank == 2, weight.shape[1] == width, index < records.count - 1 || weight.shape[0] == d else {
                throw failure("\(owner): layer \(index) weight '\(layer.weight)' has shape \(weight.shape), expected [\(index < records.count - 1 ? "H" : String(d)), \(width)]")
            }
            let bias = try floats(layer.bias, shape: [weight.shape[0]], of: owner)
            layers.append(MLPPath.Layer(weight: weight, bias: bias, activation: layer.activation))
            width = weight.shape[0]
        }
        return .mlp(MLPPath(layers: layers, conditionedOnLatent: conditioned))
    }

    /// The method's own tensors: named after the method, present, float32 or float64, finite.
    mutating func methodTensors(of document: DirectionsDocument) throws -> [String: (array: NumericArray, description: String)] {
        var methodTensors = [String: (array: NumericArray, description: String)]()
        for (name, description) in document.methodTensors {
            guard name.hasPrefix(document.method + ".") else {
                throw failure("method tensor '\(name)' should be named '\(document.method).…'")
            }
            guard let stored = file.tensors[name] else { throw failure("method tensor '\(name)' is missing") }
            switch stored.array.data {
            case .float32(let values): guard firstNonFiniteIndex(values) == nil else { throw failure("method tensor '\(name)' holds NaN or infinite values") }
            case .float64(let values): guard firstNonFiniteIndex(values) == nil else { throw failure("method tensor '\(name)' holds NaN or infinite values") }
            default: throw failure("method tensor '\(name)' is \(stored.array.elementType.rawValue), expected float32 or float64")
            }
            used.insert(name)
            methodTensors[name] = (stored.array, description)
        }
        return methodTensors
    }

    /// Throws for a tensor the metadata does not describe.
    func requireEveryTensorDescribed() throws {
        if let stray = file.names.first(where: { !used.contains($0) }) {
            throw failure("tensor '\(stray)' is not described by the metadata")
        }
    }
}

/// Whether `name` can be used in a file name and on a command line as it is.
func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 64 && !name.hasPrefix(".") && !name.hasPrefix("-")
        && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "_-.+".unicodeScalars.contains($0) }
}

/// A decoding error in one line: the coding path and what was wrong.
private func describe(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func at(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return path.isEmpty ? "" : " at \(path)"
    }
    switch error {
    case .keyNotFound(let key, let context): return "missing '\(key.stringValue)'\(at(context))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
        return "\(context.debugDescription)\(at(context))"
    @unknown default: return "\(error)"
    }
}
