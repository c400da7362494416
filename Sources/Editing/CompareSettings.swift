import Kernels
import LatentClassifier
import NumericCore

/// The edit of `latents` with `method` and `settings`, measured with the classifiers alone and pooled over
/// every target in `targets`: each target edits only the rows of `latents` not already in its class (see
/// `EditTarget.rowsOutsideTarget`). Throws if the inputs do not fit together.
public func measureEdits(_ latents: Tensor, targets: [EditTarget], protected: [ProtectedAttribute],
                         method: EditMethod, settings: EditSettings) throws -> EditMeasurement {
    EditMeasurement(pooling: try editEveryDirection(latents, targets: targets, protected: protected, method: method,
                                                    settings: settings).map { EditMeasurement($0.result) })
}

/// The edits `measureEdits` measures: toward each of `targets`, the rows of `latents` not already in its class (by
/// its classifier), with those rows' indices in `latents`.
public func editEveryDirection(_ latents: Tensor, targets: [EditTarget], protected: [ProtectedAttribute],
                               method: EditMethod, settings: EditSettings) throws -> [DirectionEdits] {
    guard !targets.isEmpty else { throw EditError("no edit targets to measure") }
    // The directions side by side, one per core (each edit is deterministic on its own, whatever runs beside it).
    return try inParallel(parts: targets.count) { index in
        let target = targets[index]
        let rows = target.rowsOutsideTarget(latents)
        return DirectionEdits(target: target, rows: rows,
                              result: try editLatents(latents.gathering(rows: rows), target: target, protected: protected,
                                                      method: method, settings: settings))
    }
}

/// One direction's edits of some held-out latents: the target, which latents (rows of the held-out set), and the paths.
public struct DirectionEdits: Sendable {
    /// The direction.
    public let target: EditTarget
    /// The rows of the held-out latents edited, in the order of `result`'s paths.
    public let rows: [Int]
    /// The paths.
    public let result: EditResult
}

/// `measureEdits` for each of `candidates`: used to choose step lengths and norm keeping from data.
public func compareSettings(_ latents: Tensor, targets: [EditTarget], protected: [ProtectedAttribute],
                            method: EditMethod, candidates: [EditSettings]) throws -> [EditMeasurement] {
    try candidates.map {
        try measureEdits(latents, targets: targets, protected: protected, method: method, settings: $0)
    }
}

/// `base` with each of `stepLengths` in turn (steps, stop probability and norm keeping as in `base`), for
/// `compareSettings`.
public func stepLengthCandidates(_ stepLengths: [Float], base: EditSettings) throws -> [EditSettings] {
    try stepLengths.map {
        try EditSettings(steps: base.steps, stepLength: $0, stopProbability: base.stopProbability,
                         keepNorm: base.keepNorm)
    }
}

extension EditTarget {
    /// One target per class of `classifier`: every direction of a binary attribute (class 1, then class 0)
    /// or of a multiclass one (classes in order).
    public static func allDirections(attribute: String, classifier: MLPClassifier) -> [EditTarget] {
        let classes = classifier.architecture.classCount == 2 ? [1, 0] : Array(0..<classifier.architecture.classCount)
        return classes.compactMap { try? EditTarget(attribute: attribute, classifier: classifier, classIndex: $0) }
    }
}
