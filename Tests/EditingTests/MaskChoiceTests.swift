import Testing
import CommandTestSupport
import Editing
import LatentClassifier
import NumericCore
import Saliency

@Suite("Choosing masks from measurements")
struct MaskChoiceTests {
    let d = 8

    @Test func theSmallestBudgetThatRemovesTheDriftWinsAndOneThatKillsTheTargetIsRefused() throws {
        // The target reads channels 0–3; the protected attribute reads 0 and 1. Budget 2 masks exactly those;
        // budget 4 also masks 2 and 3 (ties go to the lower channel), leaving the target no direction.
        let target = linearClassifier([[1, 1, 1, 1, 0, 0, 0, 0]])
        let protected = [ProtectedAttribute(name: "a", classifier: linearClassifier([[2, 1, 0, 0, 0, 0, 0, 0]]))]
        // Without norm keeping, whose rescaling would move the masked channels too.
        let settings = try MaskSearchSettings(budgetGrid: [0, 1, 2, 4], includeProjection: false, includeRestoring: false,
                                                edit: EditSettings(keepNorm: false))
        let choice = try chooseMasks(gaussianLatents(100, d, seed: 40), attribute: "t", classifier: target,
                                     protected: protected, settings: settings)
        #expect(choice.rows.map(\.method) == [.plain, .masked(budgets: ["a": 1]), .masked(budgets: ["a": 2]), .masked(budgets: ["a": 4])])
        #expect(choice.method == .masked(budgets: ["a": 2]))
        #expect(choice.maskBudgets == ["a": 2])
        let rows = choice.rows.map(\.measurement)
        #expect(rows[0].latentCount == 100, "both directions, each on the latents outside its class")
        #expect(rows[0].successRate > 0.95 && choice.referenceSuccessRate == rows[0].successRate)
        #expect(rows[0].meanPathDrift > 0.1 && rows[1].meanPathDrift > 0 && rows[2].meanPathDrift == 0)
        #expect(rows[3].successRate == 0 && rows[3].removedGradientRate == 1)
        #expect(choice.rule == maskChoiceRule)
        #expect(choice.tableLines.count == 5 && choice.tableLines[0].hasPrefix("  method"))
        #expect(choice.tableLines[3].hasPrefix("* masked (a 2)") && choice.tableLines.filter { $0.hasPrefix("*") }.count == 1)
    }

    @Test func coordinateSearchLowersOneAttributesBudgetWhenThatCostsNoDrift() throws {
        // "a" reads channels 0 and 1, "b" only channel 2: the best uniform budget is 2, and b needs only 1.
        let target = linearClassifier([[1, 1, 1, 1, 1, 1, 0, 0]])
        let protected = [ProtectedAttribute(name: "a", classifier: linearClassifier([[2, 1, 0, 0, 0, 0, 0, 0]])),
                         ProtectedAttribute(name: "b", classifier: linearClassifier([[0, 0, 1, 0, 0, 0, 0, 0]]))]
        let choice = try chooseMasks(gaussianLatents(100, d, seed: 41), attribute: "t", classifier: target, protected: protected,
                                     settings: try MaskSearchSettings(budgetGrid: [0, 1, 2, 4], includeProjection: false,
                                                                      edit: EditSettings(keepNorm: false)))
        #expect(choice.method == .masked(budgets: ["a": 2, "b": 1]))
        #expect(Set(choice.rows.map(\.method)).count == choice.rows.count, "no candidate is measured twice")
        let uniform = try MaskSearchSettings(budgetGrid: [0, 1, 2, 4], refinePerAttribute: false, includeProjection: false,
                                             edit: EditSettings(keepNorm: false))
        #expect(try chooseMasks(gaussianLatents(100, d, seed: 41), attribute: "t", classifier: target, protected: protected,
                                settings: uniform).method == .masked(budgets: ["a": 2, "b": 2]))
    }

    @Test func protectionWithoutMasksWinsWhenTheProtectedDirectionIsSpreadOverEveryChannel() throws {
        let target = linearClassifier([[2, 1, 0, 0, 0, 0, 0, 0]])
        let protected = [ProtectedAttribute(name: "a", classifier: linearClassifier([[1, 1, 1, 1, 1, 1, 1, 1]]))]
        let choice = try chooseMasks(gaussianLatents(100, d, seed: 42), attribute: "t", classifier: target, protected: protected,
                                     settings: .standard(dimension: d, edit: EditSettings(keepNorm: false)))
        // Rows: plain, every non-zero budget, projection, projection with restoring corrections (listed last).
        #expect(choice.rows.count == 1 + (MaskSearchSettings.defaultBudgetGrid(dimension: d).count - 1) + 2)
        let projected = try #require(choice.rows.first { $0.method == .projected }).measurement
        #expect(projected.meanPathDrift < 1e-4 && projected.successRate >= 0.9 * choice.referenceSuccessRate)
        for row in choice.rows {   // every mask either drifts more or loses the target
            if case .masked = row.method {
                #expect(row.measurement.meanPathDrift > projected.meanPathDrift
                        || row.measurement.successRate < 0.9 * choice.referenceSuccessRate)
            }
        }
        // For a linear protected model projection already holds its output; restoring keeps that and is listed later,
        // so it wins only by a smaller drift, never by a tie.
        #expect(choice.method == .projected || choice.method == .restored(rounds: EditMethod.defaultRestoringRounds))
        let chosen = choice.rows[choice.chosenRow].measurement
        #expect(chosen.meanPathDrift <= projected.meanPathDrift)
    }

    @Test func theDefaultGridIsAFractionOfTheDimension() {
        #expect(MaskSearchSettings.defaultBudgetGrid(dimension: 100) == [0, 5, 10, 20, 30, 40, 50])
        #expect(MaskSearchSettings.defaultBudgetGrid(dimension: 512) == [0, 26, 51, 102, 154, 205, 256])
        #expect(MaskSearchSettings.defaultBudgetGrid(dimension: 8) == [0, 1, 2, 3, 4])
    }
}
