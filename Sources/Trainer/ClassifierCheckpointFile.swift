import Diagnostics
import Foundation
import LatentClassifier
import NumericCore
import TensorFormats

extension ClassifierCheckpoint {
    /// Writes the classifier's tensors (`MLPClassifier.namedTensors()`) and `info` as JSON metadata to the
    /// safetensors file `path`, atomically.
    public func write(to path: String) throws {
        let json = String(decoding: try trainerJSONEncoder(pretty: false).encode(info), as: UTF8.self)
        try writeSafeTensors(classifier.namedTensors().map { ($0.name, $0.tensor) },
                             metadata: [ClassifierCheckpointInfo.metadataKey: json], to: path)
    }

    /// Reads a checkpoint written by `write(to:)`, checking the metadata, the format version, the architecture,
    /// the class names and every tensor; errors name the file and the problem.
    public init(contentsOf path: String) throws {
        let file = try readSafeTensors(path)
        func failure(_ problem: String) -> FileError { FileError(path: path, problem: problem) }
        let key = ClassifierCheckpointInfo.metadataKey
        guard let json = file.metadata[key] else {
            throw failure("no '\(key)' metadata: not a classifier checkpoint")
        }
        try requireStrictJSON(Data(json.utf8), source: path, what: "metadata '\(key)'")
        let info = try decodeInfo(Data(json.utf8), failure: failure)
        var tensors = [String: Tensor]()
        for name in file.names { tensors[name] = try file.tensor(name) }
        let classifier = try MLPClassifier(architecture: info.architecture, tensors: tensors, source: path)
        let expected = Set(classifier.namedTensors().map(\.name))
        if let extra = file.names.first(where: { !expected.contains($0) }) {
            throw failure("unexpected tensor '\(extra)' for a \(info.architecture.summary) classifier")
        }
        if !info.standardized && classifier.standardization != .identity(info.architecture.inputDimension) {
            throw failure("the metadata says the inputs are not standardised, but the standardisation tensors are not the identity")
        }
        self.init(classifier: classifier, info: info)
    }
}

/// The checkpoint description in `json`, checked for version, architecture and class names.
private func decodeInfo(_ json: Data, failure: (String) -> FileError) throws -> ClassifierCheckpointInfo {
    let key = ClassifierCheckpointInfo.metadataKey
    struct Version: Decodable { var formatVersion: Int }
    let version: Int
    do {
        version = try trainerJSONDecoder().decode(Version.self, from: json).formatVersion
    } catch {
        throw failure("metadata '\(key)': \(decodingProblem(error))")
    }
    guard version == ClassifierCheckpointInfo.currentFormatVersion else {
        throw failure("classifier format version \(version); this build reads version \(ClassifierCheckpointInfo.currentFormatVersion)")
    }
    let info: ClassifierCheckpointInfo
    do {
        info = try trainerJSONDecoder().decode(ClassifierCheckpointInfo.self, from: json)
    } catch {
        throw failure("metadata '\(key)': \(decodingProblem(error))")
    }
    if let problem = info.architecture.problem {
        throw failure("invalid architecture: \(problem)")
    }
    guard info.classNames.count == info.architecture.classCount else {
        throw failure("\(info.classNames.count) class names for \(info.architecture.classCount) classes")
    }
    guard Set(info.classNames).count == info.classNames.count, !info.classNames.contains("") else {
        throw failure("class names \(info.classNames) must be distinct and non-empty")
    }
    return info
}

extension ClassifierArchitecture {
    /// Why a decoded architecture cannot be built, or `nil` if it can (decoding bypasses the initialiser's checks).
    fileprivate var problem: String? {
        if inputDimension <= 0 { return "input dimension \(inputDimension)" }
        if let width = hidden.first(where: { $0 <= 0 }) { return "hidden width \(width)" }
        if classCount < 2 { return "\(classCount) classes" }
        if head == .sigmoid && classCount != 2 { return "a sigmoid head with \(classCount) classes" }
        if !leakySlope.isFinite { return "leaky slope \(leakySlope)" }
        return nil
    }
}
