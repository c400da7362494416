import ArgumentParser
import CommandSupport
import Dataset
import Files
import Labellers

/// The `Dataset` command's flag for each library argument it passes on.
let datasetFlags: [ArgumentName: String] = [
    .count: "--count", .batchSize: "--batch", .indices: "--indices", .attribute: "--attribute",
    .classes: "--classes", .replace: "--replace", .labellers: "--labellers",
]

/// An attribute and its class names, given as "name=class0,class1,...".
struct ClassAssignment: ExpressibleByArgument {
    /// The attribute.
    let attribute: String
    /// Its classes, in order.
    let classes: [String]
    /// Why `argument` is not of the form attribute=class0,class1,..., or nil if it is; the command's
    /// `validate()` turns it into a one-line error (as `CommaList` does).
    let problem: String?

    /// The assignment in `argument`; if it does not have the form attribute=class0,class1,..., `problem` says why.
    init(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let list = parts.count == 2 ? CommaList<String>(argument: parts[1]) : nil
        attribute = parts[0].trimmingCharacters(in: .whitespaces)
        classes = list?.values ?? []
        if list == nil || attribute.isEmpty {
            problem = "'\(argument)' is not of the form attribute=class0,class1,..."
        } else {
            problem = list?.problem.map { "'\(argument)': \($0)" }
        }
    }
}
