import CommandTestSupport
import Dataset
import Evaluation
import Labellers
import Testing

@Suite struct GoalTests {
    let attributes = BuiltInLabellers.all.map { $0.attribute(firstScoreColumn: 0) }

    @Test func specsNameClassesOrEveryDirection() throws {
        let goals = try resolveGoals(["color:green", "color:blue", "lightness", "color:green"], attributes: attributes)
        #expect(goals == [EditGoal(attribute: "color", classIndex: 3), EditGoal(attribute: "color", classIndex: 4),
                          EditGoal(attribute: "lightness", classIndex: 1), EditGoal(attribute: "lightness", classIndex: 0)])
        #expect(try resolveGoals(["color"], attributes: attributes).map(\.classIndex) == [0, 1, 2, 3, 4])
    }

    @Test func unknownAttributesAndClassesAreRefused() throws {
        let unknown = try #require(thrownDescription { _ = try resolveGoals(["smile"], attributes: attributes) })
        #expect(unknown.contains("unknown attribute") && unknown.contains("'smile'") && unknown.contains("color"), "\(unknown)")
        let noClass = try #require(thrownDescription { _ = try resolveGoals(["color:purple"], attributes: attributes) })
        #expect(noClass.contains("'color' has no class 'purple'") && noClass.contains("dark, neutral, warm, green, blue"), "\(noClass)")
    }
}
