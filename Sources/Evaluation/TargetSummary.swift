import Charts

extension TargetEvaluation {
    /// The indices of the methods' `points` (the references left out: the oracle would dominate them all) not
    /// dominated in target success and mean preservation among them (`paretoFrontIndices`), by ascending success.
    public var paretoIndices: [Int] {
        let compared = points.indices.filter { !isReference(points[$0].method) }
        return paretoFrontIndices(compared.map { ChartPoint(points[$0].successRate, points[$0].meanUnchanged) })
            .map { compared[$0] }
    }

    /// The point with the highest mean preservation among those whose success is at least `success` (ties:
    /// the higher success, then the earlier point), or nil when none reaches it.
    public func bestPreserving(atLeast success: Double) -> SweepPoint? {
        points.filter { $0.successRate >= success }.enumerated().max { a, b in
            if a.element.meanUnchanged != b.element.meanUnchanged { return a.element.meanUnchanged < b.element.meanUnchanged }
            if a.element.successRate != b.element.successRate { return a.element.successRate < b.element.successRate }
            return a.offset > b.offset
        }?.element
    }

    /// The mean share of other labels `method` keeps where its success first reaches `success`, interpolated
    /// linearly in success between consecutive lengths of its sweep; the unedited latents count as length 0
    /// (success `successBefore`, 0 when the judge chose them outside the target class, and every label kept). Nil
    /// when it never reaches it.
    public func preservation(of method: String, atSuccess success: Double) -> Double? {
        let sweep = [(success: successBefore, kept: 1.0)]
            + points.filter { $0.method == method }.map { (success: $0.successRate, kept: $0.meanUnchanged) }
        for (a, b) in zip(sweep, sweep.dropFirst()) where a.success < success && b.success >= success {
            return a.kept + (b.kept - a.kept) * (success - a.success) / (b.success - a.success)
        }
        return nil
    }
}
