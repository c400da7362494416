import Evaluation
import Testing

/// A target with two methods: "A" reaches success 0.5 then 1.0; "B" never passes 0.45, and its last point is
/// dominated by A's first.
func syntheticTarget() -> TargetEvaluation {
    func point(_ method: String, _ length: Float, _ success: Double, _ kept: Double) -> SweepPoint {
        SweepPoint(method: method, length: length, successRate: success, unchanged: [kept], meanUnchanged: kept,
                   meanNorm: 10, meanPixelChange: 0.1, stoppedEarly: 0)
    }
    return TargetEvaluation(attribute: "color", className: "green", latentCount: 10, meanStartNorm: 10,
                            judgedAttributes: ["lightness"], methods: [("A", "a"), ("B", "b")],
                            points: [point("A", 1, 0.5, 0.9), point("A", 2, 1.0, 0.7),
                                     point("B", 1, 0.2, 0.95), point("B", 2, 0.4, 0.92), point("B", 3, 0.45, 0.85)],
                            exampleLength: 1, examples: [])
}

@Suite struct SummaryTests {
    @Test func preservationIsInterpolatedAlongTheSweepFromTheUneditedLatents() {
        let target = syntheticTarget()
        #expect(abs(target.preservation(of: "A", atSuccess: 0.9)! - 0.74) < 1e-12)
        #expect(abs(target.preservation(of: "A", atSuccess: 0.25)! - 0.95) < 1e-12)
        #expect(target.preservation(of: "B", atSuccess: 0.9) == nil)
    }

    @Test func preservationStartsFromTheJudgesShareBeforeAnyEdit() throws {
        // A cross-fitted judge already puts 0.3 of the unedited latents in the class: the sweep starts there.
        let base = syntheticTarget()
        let target = TargetEvaluation(attribute: base.attribute, className: base.className, latentCount: 10, meanStartNorm: 10,
                                      judgedAttributes: base.judgedAttributes, methods: base.methods, points: base.points,
                                      exampleLength: 1, examples: [], judge: "a judge", successBefore: 0.3,
                                      baseline: HeldOutBaseline(source: "samples"))
        // Between (0.3, 1.0) and (0.5, 0.9): at 0.4, kept 0.95; from 0 it would have been 0.92.
        #expect(abs(try #require(target.preservation(of: "A", atSuccess: 0.4)) - 0.95) < 1e-12)
        #expect(target.preservation(of: "A", atSuccess: 0.2) == nil)
        let csv = evaluationCSV([target], steps: 3).split(separator: "\n")
        #expect(csv[0].hasSuffix(",success,success_before,unchanged_color,unchanged_lightness,unchanged_light_side,unchanged_background,mean_unchanged,mean_norm,mean_pixel_change,stopped_early,pareto,judge_accuracy,judge_majority_rate,judge"), "\(csv[0])")
        #expect(csv.dropFirst().allSatisfy { $0.contains(",0.3000,") && $0.hasSuffix(",,,a judge") }, "\(csv)")
    }

    @Test func theFrontAndTheBestPointAreThoseThatDominate() {
        let target = syntheticTarget()
        #expect(target.paretoIndices == [2, 3, 0, 1])
        #expect(target.bestPreserving(atLeast: 0.9)?.length == 2)
        #expect(target.bestPreserving(atLeast: 0.45)?.method == "A" && target.bestPreserving(atLeast: 0.45)?.length == 1)
        let report = evaluationMarkdown([target], preamble: ["# test"])
        #expect(report.contains("| A | **0.740** |") && report.contains("| B | — |"))
        #expect(report.contains("**A at length 2**"))
    }

    @Test("the front is the methods': a reference that dominates every point stays off it")
    func referencesStayOffTheFront() {
        var target = syntheticTarget()
        let oracle = SweepPoint(method: "image oracle (reference)", length: 1, successRate: 1, unchanged: [1],
                                meanUnchanged: 1, meanNorm: 10, meanPixelChange: 0.1, stoppedEarly: 0)
        target = TargetEvaluation(attribute: target.attribute, className: target.className, latentCount: 10,
                                  meanStartNorm: 10, judgedAttributes: target.judgedAttributes,
                                  methods: target.methods + [("image oracle (reference)", "oracle")],
                                  points: target.points + [oracle], exampleLength: 1, examples: [])
        #expect(target.paretoIndices == [2, 3, 0, 1])
    }
}
