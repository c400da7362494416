import Testing
import CommandTestSupport
import Editing
import LatentClassifier
import NumericCore

@Suite("An independent judge beside the edit's own classifiers in the trade-off table")
struct JudgedMaskChoiceTests {
    let d = 8

    @Test("the edit's own protected model reports no drift for restoring, a judge that knows the true label measures it")
    func ownViewAgainstJudge() throws {
        // The target reads channels 0 and 1. The true protected attribute is the sign of channel 0 + channel 2,
        // but the protected model the edit holds only reads channel 2: restoring holds it perfectly while the
        // edit's move along channel 0 flips the true label.
        let target = linearClassifier([[1, 1, 0, 0, 0, 0, 0, 0]])
        let protected = [ProtectedAttribute(name: "a", classifier: linearClassifier([[0, 0, 1, 0, 0, 0, 0, 0]]))]
        func trueLabel(_ z: [Float]) -> Int { z[0] + z[2] > 0 ? 1 : 0 }
        let latents = gaussianLatents(200, d, seed: 60)
        var judgedCalls = 0
        let judge: ([DirectionEdits]) throws -> JudgedEdits = { edits in
            judgedCalls += 1
            var count = 0, reached = 0, kept = 0
            var directions = [JudgedDirection]()
            for direction in edits {
                let final = direction.result.finalLatents
                var here = (reached: 0, kept: 0)
                for (i, row) in direction.rows.enumerated() {
                    let start = Array(latents.storage[(row * d)..<((row + 1) * d)])
                    let end = Array(final.storage[(i * d)..<((i + 1) * d)])
                    // The target's own class by its logit's sign.
                    if (direction.target.classIndex == 1) == (end[0] + end[1] > 0) { here.reached += 1 }
                    if trueLabel(start) == trueLabel(end) { here.kept += 1 }
                }
                count += direction.rows.count
                reached += here.reached
                kept += here.kept
                directions.append(JudgedDirection(classIndex: direction.target.classIndex, className: "c\(direction.target.classIndex)",
                                                  count: direction.rows.count,
                                                  successRate: Double(here.reached) / Double(direction.rows.count),
                                                  meanKept: Double(here.kept) / Double(direction.rows.count)))
            }
            return JudgedEdits(judge: "the true labels", count: count, successRate: Double(reached) / Double(count),
                               keptRates: ["a": Double(kept) / Double(count)], directions: directions)
        }
        let settings = try MaskSearchSettings(budgetGrid: [0], edit: EditSettings(steps: 6, stepLength: 0.5, keepNorm: false))
        let choice = try chooseMasks(latents, attribute: "t", classifier: target, protected: protected, settings: settings,
                                     judge: judge)
        #expect(judgedCalls == choice.rows.count && choice.rows.map(\.method) == [.plain, .projected, .restored(rounds: 2)])
        let restored = choice.rows[2]
        #expect(restored.measurement.meanPathDrift < 1e-3 && restored.measurement.labelChangeRate == 0, "the edit's own view: no drift")
        let judged = try #require(restored.judged)
        #expect(judged.keptRates["a"]! < 0.9 && judged.meanKept < 0.9, "the judge sees the true label flip: kept \(judged.meanKept)")
        #expect(judged.directions.count == 2 && judged.directions.allSatisfy { $0.count > 0 })
        // The table shows both views and says which is which.
        #expect(choice.tableLines[0].contains("| judged: success"))
        #expect(choice.tableLines.contains { $0.contains("the edit's own classifiers, whose rule chose; judged: the true labels") })
        #expect(choice.tableLines.contains { $0.contains("c1 ") && $0.contains("c0 ") })
        // Each class's method comes from the judge's figures toward it: restoring, which by the classifiers drifts
        // least, keeps the true label least here, so neither class gets it.
        #expect(choice.rows[2].measurement.meanPathDrift <= choice.rows.map(\.measurement.meanPathDrift).min()!)
        let byClass = try #require(choice.judgedMethodsByClass)
        #expect(Set(byClass.keys) == [0, 1])
        for (d, direction) in choice.rows[0].judged!.directions.enumerated() {
            let picked = try #require(choice.rows.firstIndex { $0.method == byClass[direction.classIndex] })
            let figures = choice.rows.map { $0.judged!.directions[d] }
            let floor = 0.9 * figures[0].successRate
            #expect(figures[picked].successRate >= floor - 1e-12)
            #expect(!figures.indices.contains { figures[$0].successRate >= floor - 1e-12 && figures[$0].meanKept > figures[picked].meanKept + 1e-12 })
            #expect(byClass[direction.classIndex] != .restored(rounds: 2), "class \(direction.classIndex): \(figures)")
        }
        // Without a judge the table is as before, and there is no choice per class.
        let alone = try chooseMasks(latents, attribute: "t", classifier: target, protected: protected, settings: settings)
        #expect(alone.rows.allSatisfy { $0.judged == nil } && !alone.tableLines[0].contains("judged") && alone.judgedMethodsByClass == nil)
        #expect(alone.method == choice.method)
    }
}
