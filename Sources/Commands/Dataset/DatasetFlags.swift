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

    /// The assignment in `argument`, or nil unless it has the form attribute=class0,class1,....
    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let classes = CommaList<String>(argument: parts[1]) else { return nil }
        attribute = parts[0]
        self.classes = classes.values
    }
}
