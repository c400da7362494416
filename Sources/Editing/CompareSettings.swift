import NumericCore

/// Measures, for each of `candidates`, the edit of `latents` toward `target` with `method`, pooling over
/// every target in `targets` (each edits only the rows of `latents` not already in its class; see
/// `EditTarget.rowsOutsideTarget`). Used to choose step lengths, norm keeping and masks from data, with the
/// classifiers alone. Throws if the inputs do not fit together.
public func compareSettings(_ latents: Tensor, targets: [EditTarget], protected: [ProtectedAttribute],
                            method: EditMethod, candidates: [EditSettings]) throws -> [EditMeasurement] {
    let batches = targets.map { target in (target, latents.gathering(rows: target.rowsOutsideTarget(latents))) }
    return try candidates.map { settings in
        EditMeasurement(pooling: try batches.map { target, rows in
            EditMeasurement(try editLatents(rows, target: target, protected: protected, method: method,
                                            settings: settings))
        })
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
