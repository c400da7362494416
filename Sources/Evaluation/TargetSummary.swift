import Charts

extension TargetEvaluation {
    /// The indices of `points` not dominated in target success and mean preservation (`paretoFrontIndices`),
    /// by ascending success.
    public var paretoIndices: [Int] {
        paretoFrontIndices(points.map { ChartPoint($0.successRate, $0.meanUnchanged) })
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
}
