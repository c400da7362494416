import Labellers

extension ImageLabeller {
    /// The attribute this labeller produces, its scores in columns `firstScoreColumn...`.
    public func attribute(firstScoreColumn: Int) -> Attribute {
        Attribute(name: name, kind: kind, classes: classes,
                  origin: .labeller(name: name, parameters: parameters),
                  scores: ScoreColumns(first: firstScoreColumn, count: scoreCount, meaning: scoreMeaning))
    }
}
