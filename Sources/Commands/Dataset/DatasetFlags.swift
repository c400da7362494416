import ArgumentParser
import CommandSupport
import Dataset
import Diagnostics
import Labellers

/// The `Dataset` command's flag for each library argument it passes on.
let datasetFlags: [ArgumentName: String] = [
    .count: "--count", .batchSize: "--batch", .indices: "--indices", .attribute: "--attribute",
    .classes: "--classes", .replace: "--replace", .labellers: "--labellers", .shard: "--shard", .wPlusLayer: "--wplus-layer",
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

/// A part of a run, given as "K/N" (the K-th of N, from 1).
struct ShardChoice: ExpressibleByArgument {
    /// K.
    let index: Int
    /// N.
    let of: Int
    /// Why `argument` is not K/N with 1 ≤ K ≤ N, or nil if it is; `validate()` reports it in one line.
    let problem: String?

    /// The part named by `argument`.
    init(argument: String) {
        let parts = argument.split(separator: "/", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        index = parts.count == 2 ? parts[0] ?? 0 : 0
        of = parts.count == 2 ? parts[1] ?? 0 : 0
        problem = (1...max(1, of)).contains(index) && of >= 1 && parts.count == 2 ? nil
            : "'\(argument)' is not K/N with 1 ≤ K ≤ N (for example 2/8)"
    }
}
