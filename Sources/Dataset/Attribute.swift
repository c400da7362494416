import FileStorage
import Labellers

/// Where an attribute's labels came from.
public enum LabelOrigin: Sendable, Equatable {
    /// Computed on rendered images by the named built-in labeller with these parameters.
    case labeller(name: String, parameters: [String: ParameterValue])
    /// Entered by a person, imported from the named CSV file.
    case manual(file: String)
    /// Brought with latents from another generator, from the named CSV file.
    case imported(file: String)

    /// "labeller <name>", "manual" or "imported".
    public var summary: String {
        switch self {
        case .labeller(let name, _): return "labeller \(name)"
        case .manual: return "manual"
        case .imported: return "imported"
        }
    }
}

/// Which columns of `scores.npy` hold an attribute's continuous scores, and what they mean.
public struct ScoreColumns: Codable, Sendable, Equatable {
    /// The first column.
    public let first: Int
    /// The number of columns: 1 for a binary attribute (its margin), K for a multiclass one (per-class confidences).
    public let count: Int
    /// What the numbers mean, in words.
    public let meaning: String

    /// Columns `first ..< first + count` with the given meaning.
    public init(first: Int, count: Int, meaning: String) {
        self.first = first
        self.count = count
        self.meaning = meaning
    }

    /// The column range.
    public var range: Range<Int> { first..<(first + count) }
}

/// One labelled attribute of a dataset: its name, kind, class names, provenance and, for automatic labels,
/// where its continuous scores are.
public struct Attribute: Sendable, Equatable {
    /// The name, also the column header in `labels.csv`.
    public let name: String
    /// Binary or multiclass.
    public let kind: AttributeKind
    /// The class names; class index i is `classes[i]`.
    public let classes: [String]
    /// Where the labels came from.
    public let origin: LabelOrigin
    /// The score columns, or nil for hand-labelled and imported attributes.
    public let scores: ScoreColumns?

    /// An attribute; `validate` checks the parts fit together.
    public init(name: String, kind: AttributeKind, classes: [String], origin: LabelOrigin, scores: ScoreColumns? = nil) {
        self.name = name
        self.kind = kind
        self.classes = classes
        self.origin = origin
        self.scores = scores
    }

    /// The kind implied by a class list: binary for two classes, multiclass otherwise.
    public static func kind(forClassCount count: Int) -> AttributeKind {
        count == 2 ? .binary : .multiclass
    }

    /// The problem with this attribute's name, kind, classes or score columns, or nil if it is sound.
    public var problem: String? {
        if let problem = Attribute.nameProblem(name) { return problem }
        if classes.count < 2 { return "attribute '\(name)' needs at least two classes, has \(classes.count)" }
        if kind == .binary && classes.count != 2 {
            return "binary attribute '\(name)' needs exactly two classes, has \(classes.count)"
        }
        if Set(classes).count != classes.count { return "attribute '\(name)' repeats a class name in \(classes)" }
        if classes.count > maximumClassCount {
            return "attribute '\(name)' has \(classes.count) classes, more than the limit of \(maximumClassCount)"
        }
        for className in classes {
            if let problem = fileNameProblem(className, what: "class name") { return "attribute '\(name)': \(problem)" }
        }
        if let scores {
            let expected = kind == .binary ? 1 : classes.count
            if scores.first < 0 || scores.first > maximumScoreColumn || scores.count != expected {
                return "attribute '\(name)' needs \(expected) score column(s) from a non-negative first column, has \(scores.count) from \(scores.first)"
            }
        }
        return nil
    }

    /// Why `name` cannot name an attribute (it becomes part of file names, so it must pass `fileNameProblem`:
    /// letters, digits, '_', '-' or '.', not starting with '.'; and it is not "index"), or nil if it can.
    public static func nameProblem(_ name: String) -> String? {
        if let problem = fileNameProblem(name, what: "attribute name") { return problem }
        if name == "index" { return "'index' cannot name an attribute (it is the first column of labels.csv)" }
        return nil
    }
}

/// The most classes an attribute may have.
public let maximumClassCount = 1000

/// The highest first score column an attribute may claim (far above any real dataset; keeps sums in range).
public let maximumScoreColumn = 1_000_000
