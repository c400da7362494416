import Labellers

// One naming scheme for discovered directions, whatever method found them (TCA, the learned manifolds, …):
//
// - the id, unique in its directions file, is what the Editor takes first ("C3", "H1", "C1.H2.W1", "M0");
// - the label, when the method's naming rule found one attribute clearly moved, is "<attribute>.<class>": the
//   built-in attribute the direction moves most and the class its + side moves toward ("lightness.light",
//   "background.bright", "color.green"). How strong and how dominant an effect must be to earn a label is each
//   method's own rule (its report says which); the label's form is this file's.
//
// Grids and tables show a direction as `directionCaption(id:label:)`, e.g. "M1 lightness.light" or "M0".

/// The label of a direction that moves `attribute` (with `classes`) most: "<attribute>.<class>", the class its
/// + side moves toward. `scoreChanges` are the changes of the attribute's scores from the − side to the + side:
/// one for a binary attribute (its margin; a rise moves toward `classes[1]`, a fall toward `classes[0]`), one
/// per class for a multiclass one (the class whose confidence rises most is the label's).
public func directionLabel(attribute: String, classes: [String], scoreChanges: [Double]) -> String {
    precondition(!classes.isEmpty && !scoreChanges.isEmpty, "directionLabel: classes and score changes")
    if scoreChanges.count == 1 {
        precondition(classes.count == 2, "directionLabel: one score change is a binary attribute's margin")
        return "\(attribute).\(scoreChanges[0] > 0 ? classes[1] : classes[0])"
    }
    precondition(scoreChanges.count == classes.count, "directionLabel: one score change per class")
    let rising = scoreChanges.indices.max { scoreChanges[$0] < scoreChanges[$1] }!
    return "\(attribute).\(classes[rising])"
}

/// How a direction is shown in grids and tables: its id, then its label when it has one ("M1 lightness.light",
/// "C4 background.bright", "M0").
public func directionCaption(id: String, label: String?) -> String {
    label.map { "\(id) \($0)" } ?? id
}

/// A direction label in the current scheme. Files written before the scheme was shared (the learned manifolds'
/// files up to this version) hold labels "<attribute>+" / "<attribute>-" (the score of a binary labeller rises /
/// falls toward the + side) and "<attribute>.<class>+" (a multiclass labeller's class confidence rises): these
/// become "<attribute>.<class>" by the labellers' classes ("lightness+" → "lightness.light", "lightness-" →
/// "lightness.dark", "color.green+" → "color.green"). Any other label, current or not understood (e.g.
/// "color.green-", a falling class, which has no current form), comes back as it is.
public func currentDirectionLabel(_ label: String, labellers: [any ImageLabeller] = BuiltInLabellers.all) -> String {
    guard let sign = label.last, sign == "+" || sign == "-" else { return label }
    let stem = String(label.dropLast())
    if let labeller = labellers.first(where: { $0.name == stem }), labeller.classes.count == 2, labeller.scoreCount == 1 {
        return "\(stem).\(labeller.classes[sign == "+" ? 1 : 0])"
    }
    if sign == "+", let dot = stem.firstIndex(of: ".") {
        let attribute = String(stem[..<dot]), className = String(stem[stem.index(after: dot)...])
        if let labeller = labellers.first(where: { $0.name == attribute }), labeller.scoreCount > 1,
           labeller.classes.contains(className) {
            return stem
        }
    }
    return label
}
