import ArgumentParser
import CommandSupport
import Dataset

/// `Dataset drop-attribute`: remove one attribute from a dataset, its labels kept in a backup.
struct DropAttributeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drop-attribute",
        abstract: "Remove one attribute from a dataset, keeping its labels in a backup file.",
        discussion: """
            Removes the attribute from manifest.json, its column from labels.csv, its columns from scores.npy \
            (automatic labels) and its curation sheet and label template (curation/<attribute>-sheet.png, \
            curation/<attribute>-labels.csv). Its labels are kept in the dataset folder as \
            dropped-<attribute>.labels.csv (index,<attribute>, class names), or dropped-<attribute>.2.labels.csv \
            and so on when an earlier backup has that name: a backup is never written over. The folder is \
            replaced in one step. An unknown attribute, the dataset's only attribute, and a label template \
            holding labels the dataset does not have are refused. Import the backup again with import-labels.

            Examples:
              swift run Dataset drop-attribute --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --attribute age
              swift run Dataset import-labels --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --csv data/dcgan-digiface-64-n5000-s0/dropped-age.labels.csv \\
                  --attribute age --classes young,old
            """)

    @Option(name: .long, help: "The dataset folder.")
    var dataset: String

    @Option(name: .long, help: "The attribute to remove.")
    var attribute: String

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        let dropped = try dropAttribute(attribute, from: dataset)
        var line = "dropped '\(attribute)' (\(dropped.attribute.origin.summary), \(dropped.attribute.classes.joined(separator: ", "))) from \(dataset)"
        if let backup = dropped.backup {
            line += "; its \(dropped.labelCount) label(s) are in \(backup)"
        } else {
            line += "; it had no labels, so no backup was written"
        }
        print(line)
        for file in dropped.removedCurationFiles { print("removed \(file)") }
    }
}
