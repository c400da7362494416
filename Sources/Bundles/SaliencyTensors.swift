import Editing
import Diagnostics
import LatentClassifier
import NumericCore
import Saliency
import TensorFormats

/// `saliency`'s arrays named with `prefix`: `mean_abs` and `signed_mean` `[outputs, D]` F32 (one row per
/// output: class 1 of a sigmoid head, every class of a softmax head), `ranking` `[outputs, D]` I32 (each
/// row's channels, most important first), `sensitivity` `[D]` F32 and `sensitivity_ranking` `[D]` I32.
public func saliencyArrays(_ saliency: AttributeSaliency, prefix: String) -> [String: NumericArray] {
    let (outputs, d) = (saliency.outputs.count, saliency.dimension)
    func floats(_ values: [Float], _ shape: [Int]) -> NumericArray { NumericArray(shape: shape, data: .float32(values)) }
    func ints(_ values: [Int], _ shape: [Int]) -> NumericArray { NumericArray(shape: shape, data: .int32(values.map(Int32.init))) }
    return [
        prefix + "mean_abs": floats(saliency.outputs.flatMap(\.meanAbsolute), [outputs, d]),
        prefix + "signed_mean": floats(saliency.outputs.flatMap(\.signedMean), [outputs, d]),
        prefix + "ranking": ints(saliency.outputs.flatMap(\.ranking), [outputs, d]),
        prefix + "sensitivity": floats(saliency.sensitivity, [d]),
        prefix + "sensitivity_ranking": ints(saliency.ranking, [d]),
    ]
}

/// The saliency stored under `prefix` in `file` by `saliencyArrays`, for an attribute with `classNames`
/// whose classifier has `architecture`, measured on `sampleCount` latents. Throws if an array is missing, misshapen, of the wrong type, not finite, negative where it
/// cannot be, or if a ranking does not follow its values.
public func readSaliency(from file: SafeTensorsFile, prefix: String, attribute: String, classNames: [String],
                         architecture: ClassifierArchitecture, sampleCount: Int) throws -> AttributeSaliency {
    func failure(_ problem: String) -> FileError { FileError(path: file.source, problem: problem) }
    let outputClasses = saliencyOutputClasses(architecture), d = architecture.inputDimension
    let outputs = outputClasses.count
    func floats(_ name: String, _ shape: [Int]) throws -> [Float] {
        let tensor = try file.tensor(prefix + name)
        guard tensor.shape == shape else { throw failure("tensor '\(prefix + name)' has shape \(tensor.shape), expected \(shape)") }
        guard tensor.isFinite else { throw failure("tensor '\(prefix + name)' holds NaN or infinite values") }
        return tensor.storage
    }
    func ranking(_ name: String, _ shape: [Int], following values: [Float]) throws {
        let array = try file.array(prefix + name)
        guard case .int32(let stored) = array.data, array.shape == shape else {
            throw failure("tensor '\(prefix + name)' must be I32 of shape \(shape), got \(array.elementType.rawValue) \(array.shape)")
        }
        for row in 0..<(values.count / d) {
            let expected = topChannels(values[(row * d)..<((row + 1) * d)], count: d)
            guard stored[(row * d)..<((row + 1) * d)].map(Int.init) == expected else {
                throw failure("tensor '\(prefix + name)' row \(row) does not rank the channels by their saliency")
            }
        }
    }
    let meanAbsolute = try floats("mean_abs", [outputs, d])
    let signedMean = try floats("signed_mean", [outputs, d])
    let sensitivity = try floats("sensitivity", [d])
    guard meanAbsolute.allSatisfy({ $0 >= 0 }), sensitivity.allSatisfy({ $0 >= 0 }) else {
        throw failure("tensors '\(prefix)mean_abs' and '\(prefix)sensitivity' must not be negative")
    }
    try ranking("ranking", [outputs, d], following: meanAbsolute)
    try ranking("sensitivity_ranking", [d], following: sensitivity)
    return AttributeSaliency(
        attribute: attribute, classNames: classNames, sampleCount: sampleCount,
        outputs: outputClasses.enumerated().map { row, c in
            OutputSaliency(classIndex: c, meanAbsolute: Array(meanAbsolute[(row * d)..<((row + 1) * d)]),
                           signedMean: Array(signedMean[(row * d)..<((row + 1) * d)]))
        },
        sensitivity: sensitivity)
}
