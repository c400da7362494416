import ArgumentParser
import CommandSupport
import Dataset
import Foundation
import Labellers

/// `Dataset import-labels`: hand labels from a CSV into a dataset.
struct ImportLabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-labels",
        abstract: "Import hand labels for one attribute from a CSV into a dataset.",
        discussion: """
            The CSV has the header index,<attribute> and one row per labelled sample: its index and a class \
            index (0-based) or class name; empty cells are skipped. Unknown indices, classes out of range, \
            repeated or conflicting rows and a wrong header are reported together, line by line, and then \
            nothing is imported. A new attribute needs --classes; labels add to an existing hand-labelled \
            attribute unless --replace. Automatic and hand labels live side by side in the dataset.

            Examples:
              swift run Dataset import-labels --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --csv data/dcgan-digiface-64-n5000-s0/curation/smile-labels.csv \\
                  --attribute smile --classes no,yes
              swift run Dataset import-labels --dataset data/mine --csv more-smiles.csv \\
                  --attribute smile
            """)

    @Option(name: .long, help: "The dataset folder.")
    var dataset: String

    @Option(name: .long, help: "The CSV of labels.")
    var csv: String

    @Option(name: .long, help: "The attribute the labels are for.")
    var attribute: String

    @Option(name: .long, help: "Its classes in order, comma-separated (needed for a new attribute).")
    var classes: CommaList<String>?

    @Option(name: .long, help: "binary or multiclass (default: binary for two classes).")
    var kind: AttributeKind?

    @Flag(name: .long, help: "Drop the attribute's existing hand labels first.")
    var replace = false

    func validate() throws { try requireList(classes, flag: "--classes") }

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        let data = try LabelledDataset.load(from: dataset)
        let text = try readTextFile(csv)
        let (updated, imported) = try data.importingLabels(csv: text, path: csv, attribute: attribute,
                                                           classes: classes?.values, kind: kind,
                                                           replace: replace)
        try updated.save(to: dataset, keepingExtraEntriesFrom: dataset)
        print("imported \(imported) labels of '\(attribute)' into \(dataset)")
    }
}

extension AttributeKind: ExpressibleByArgument {}
