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

    @Test func curatedAttributesResolveLikeBuiltInOnes() throws {
        // Hand-labelled and imported attributes have no built-in image labeller; they resolve all the same (their
        // edits are judged by cross-fitted judge classifiers).
        let curated = attributes + [
            Attribute(name: "glasses", kind: .binary, classes: ["no", "yes"], origin: .manual(file: "curation/labels.csv")),
            Attribute(name: "smile", kind: .multiclass, classes: ["none", "slight", "broad"], origin: .imported(file: "z.csv")),
        ]
        let goals = try resolveGoals(["glasses:yes", "smile", "color:green"], attributes: curated)
        #expect(goals == [EditGoal(attribute: "glasses", classIndex: 1), EditGoal(attribute: "smile", classIndex: 0),
                          EditGoal(attribute: "smile", classIndex: 1), EditGoal(attribute: "smile", classIndex: 2),
                          EditGoal(attribute: "color", classIndex: 3)])
        #expect(try resolveGoals(["glasses"], attributes: curated) == [EditGoal(attribute: "glasses", classIndex: 1),
                                                                       EditGoal(attribute: "glasses", classIndex: 0)])
        let noClass = try #require(thrownDescription { _ = try resolveGoals(["glasses:maybe"], attributes: curated) })
        #expect(noClass.contains("'glasses' has no class 'maybe'") && noClass.contains("no, yes"), "\(noClass)")
    }

    @Test func unknownAttributesAndClassesAreRefused() throws {
        let unknown = try #require(thrownDescription { _ = try resolveGoals(["smile"], attributes: attributes) })
        #expect(unknown.contains("unknown attribute") && unknown.contains("'smile'") && unknown.contains("color"), "\(unknown)")
        let noClass = try #require(thrownDescription { _ = try resolveGoals(["color:purple"], attributes: attributes) })
        #expect(noClass.contains("'color' has no class 'purple'") && noClass.contains("dark, neutral, warm, green, blue"), "\(noClass)")
    }
}
