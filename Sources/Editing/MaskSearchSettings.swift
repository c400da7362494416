/// The fraction of the plain gradient's success a candidate must keep unless asked otherwise.
public let defaultSuccessRetention = 0.9

/// What `chooseMasks` tries and how it judges.
public struct MaskSearchSettings: Sendable, Equatable {
    /// The channel budgets tried for each protected attribute (ascending, distinct, 0 first).
    public let budgetGrid: [Int]
    /// A row is acceptable when its target success rate is at least this fraction of the plain gradient's.
    public let successRetention: Double
    /// Whether, with two or more protected attributes, budgets are then refined one attribute at a time.
    public let refinePerAttribute: Bool
    /// Whether gradient projection is measured and may be chosen.
    public let includeProjection: Bool
    /// Whether projection with restoring corrections (`EditMethod.defaultRestoringRounds` rounds) is
    /// measured and may be chosen.
    public let includeRestoring: Bool
    /// The edit every row is measured with (steps, step length, norm keeping).
    public let edit: EditSettings

    /// Settings; throws unless the grid is ascending, distinct, starts at 0 and the retention is in (0, 1].
    public init(budgetGrid: [Int], successRetention: Double = defaultSuccessRetention, refinePerAttribute: Bool = true,
                includeProjection: Bool = true, includeRestoring: Bool = true, edit: EditSettings = .standard) throws {
        guard budgetGrid.first == 0, zip(budgetGrid, budgetGrid.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw EditError("the budget grid must start at 0 and ascend strictly, got \(budgetGrid)")
        }
        guard successRetention > 0, successRetention <= 1 else {
            throw EditError("the success retention must be in (0, 1], got \(successRetention)")
        }
        self.init(checkedGrid: budgetGrid, successRetention: successRetention, refinePerAttribute: refinePerAttribute,
                  includeProjection: includeProjection, includeRestoring: includeRestoring, edit: edit)
    }

    /// Settings from values already known to be valid.
    private init(checkedGrid budgetGrid: [Int], successRetention: Double, refinePerAttribute: Bool,
                 includeProjection: Bool, includeRestoring: Bool, edit: EditSettings) {
        self.budgetGrid = budgetGrid
        self.successRetention = successRetention
        self.refinePerAttribute = refinePerAttribute
        self.includeProjection = includeProjection
        self.includeRestoring = includeRestoring
        self.edit = edit
    }

    /// The default grid for `dimension` latent channels: 0, 5, 10, 20, 30, 40 and 50% of them, rounded
    /// (0, 5, 10, 20, 30, 40, 50 for the DCGAN's 100; GradCtrl's hand-set budgets were 100 to 250 of 512).
    public static func defaultBudgetGrid(dimension: Int) -> [Int] {
        var grid = [Int]()
        for percent in [0, 5, 10, 20, 30, 40, 50] {
            let budget = (dimension * percent + 50) / 100
            if grid.last != budget { grid.append(budget) }
        }
        return grid
    }

    /// The default settings for `dimension` latent channels, measuring with `edit`: the grid, projection and
    /// restoring, without the per-attribute refinement (with the main job's wider classifiers it took two
    /// thirds of the search's time, and restoring, not masking, is what wins; measured in the README).
    public static func standard(dimension: Int, edit: EditSettings = .standard) -> MaskSearchSettings {
        MaskSearchSettings(checkedGrid: defaultBudgetGrid(dimension: dimension), successRetention: defaultSuccessRetention,
                           refinePerAttribute: false, includeProjection: true, includeRestoring: true, edit: edit)
    }
}
