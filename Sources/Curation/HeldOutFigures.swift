/// How well one model of the page predicts the labels it was trained on, each label predicted by the fold's
/// classifier that never saw it, with the two baselines that say whether the figure means anything: the
/// majority-class rate (the accuracy of always answering the most common class) and the balanced accuracy
/// (the mean over classes of the share of that class's labels predicted right).
public struct HeldOutFigures: Codable, Sendable, Equatable {
    /// The labels the model was trained on (all of them are predicted held out).
    public var labels: Int
    /// The share of those labels predicted right.
    public var accuracy: Double
    /// The share of those labels in their most common class.
    public var majorityRate: Double
    /// That class (the first of equals).
    public var majorityClass: Int
    /// The mean over the classes that have labels of the share of their labels predicted right.
    public var balancedAccuracy: Double

    /// The figures of the held-out predictions `predicted` of the labels `truth` (one each), of `classCount` classes.
    public init(truth: [Int], predicted: [Int], classCount: Int) {
        precondition(truth.count == predicted.count, "one prediction per label")
        var perClass = [Int](repeating: 0, count: classCount), rightPerClass = perClass
        for (label, guess) in zip(truth, predicted) where (0..<classCount).contains(label) {
            perClass[label] += 1
            if guess == label { rightPerClass[label] += 1 }
        }
        let total = perClass.reduce(0, +)
        let present = perClass.indices.filter { perClass[$0] > 0 }
        labels = truth.count
        accuracy = total == 0 ? 0 : Double(rightPerClass.reduce(0, +)) / Double(total)
        majorityRate = total == 0 ? 0 : Double(perClass.max() ?? 0) / Double(total)
        majorityClass = perClass.firstIndex(of: perClass.max() ?? 0) ?? 0
        balancedAccuracy = present.isEmpty ? 0
            : present.map { Double(rightPerClass[$0]) / Double(perClass[$0]) }.reduce(0, +) / Double(present.count)
    }

    /// Figures as they were measured (a saved model's).
    public init(labels: Int, accuracy: Double, majorityRate: Double, majorityClass: Int, balancedAccuracy: Double) {
        self.labels = labels
        self.accuracy = accuracy
        self.majorityRate = majorityRate
        self.majorityClass = majorityClass
        self.balancedAccuracy = balancedAccuracy
    }

    /// Why these figures cannot have been measured for `classCount` classes (a rate outside 0…1, not finite,
    /// a negative count, a class out of range), or nil.
    func problem(classCount: Int) -> String? {
        if labels < 0 { return "\(labels) labels" }
        if !(0..<classCount).contains(majorityClass) { return "majority class \(majorityClass) of \(classCount)" }
        for (name, value) in [("accuracy", accuracy), ("majority rate", majorityRate), ("balanced accuracy", balancedAccuracy)]
        where !(value.isFinite && (0...1).contains(value)) {
            return "\(name) \(value) is not a rate between 0 and 1"
        }
        return nil
    }
}
