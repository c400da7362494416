import Diagnostics

/// Which labelled samples of an attribute go into its training and validation sets.
public enum SelectionRule: Sendable, Equatable, CustomStringConvertible {
    /// Every labelled sample (the default: more data trains better classifiers; use class weights against
    /// imbalance).
    case all
    /// As GradCtrl: for a binary attribute the samples with the top `percent`% and the bottom `percent`% of
    /// the margin; for a multiclass one the `percent`% × N most confident samples of each class.
    case extremes(percent: Double)
    /// For each class, the `perClass` samples of that class with the highest confidence (for a binary
    /// attribute: the largest margins for class 1, the most negative for class 0).
    case mostConfident(perClass: Int)

    /// Parses "all", "extremes:<percent>" (0 < percent ≤ 50) or "confident:<count per class>" (≥ 1).
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("all", 1):
            self = .all
        case ("extremes", 2):
            guard let percent = Double(parts[1]), percent > 0, percent <= 50 else {
                throw ArgumentError(.selection, "'\(text)': the percentage must be a number in (0, 50]")
            }
            self = .extremes(percent: percent)
        case ("confident", 2):
            guard let perClass = Int(parts[1]), perClass >= 1 else {
                throw ArgumentError(.selection, "'\(text)': the count per class must be a whole number ≥ 1")
            }
            self = .mostConfident(perClass: perClass)
        default:
            throw ArgumentError(.selection, "'\(text)' is not 'all', 'extremes:<percent>' or 'confident:<count per class>'")
        }
    }

    /// The text form accepted by `init(parsing:)`.
    public var description: String {
        switch self {
        case .all: return "all"
        case .extremes(let percent): return "extremes:\(percent.compactText)"
        case .mostConfident(let perClass): return "confident:\(perClass)"
        }
    }
}

extension Double {
    /// Whole numbers without a decimal point, others as usual.
    var compactText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
