import ArgumentParser
import CommandSupport
import Dataset
import Diagnostics
import Generator

/// `Dataset sheet`: a numbered contact sheet and a label template for labelling by hand.
struct SheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Write a numbered contact sheet and a label template CSV for labelling a subset by hand.",
        discussion: """
            Choose the samples with --indices (e.g. 0-99,150) or --count with --seed (a random subset). Writes \
            <out>-sheet.png (each image under its index) and <out>-labels.csv (index,<attribute>, one row per \
            sample, cells empty or holding the current labels); a template already holding labels not yet imported \
            is not replaced without --force. Fill in a class index or name per row (leave \
            a cell empty to skip a sample) and bring the file back with import-labels. Images are read from \
            the dataset when stored, otherwise rendered again from the latents.

            Examples:
              swift run Dataset sheet --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --indices 0-99 --attribute smile --classes no,yes
              swift run Dataset sheet --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --count 60 --seed 3 --attribute glasses \\
                  --classes none,glasses,sunglasses
            """)

    @Option(name: .long, help: "The dataset folder.")
    var dataset: String

    @Option(name: .long, help: "Sample indices and inclusive ranges, e.g. 0-99,150.")
    var indices: CommaList<IndexRange>?

    @Option(name: .long, help: "Number of samples chosen at random (instead of --indices).")
    var count: Int?

    @Option(name: .long, help: "Seed of the random subset.")
    var seed: UInt64 = 0

    @Option(name: .long, help: "The attribute to label.")
    var attribute: String

    @Option(name: .long, help: "Its classes in order, comma-separated, shown on the sheet (default: the attribute's own).")
    var classes: CommaList<String>?

    @Option(name: .long, help: "Output path prefix (default <dataset>/curation/<attribute>).")
    var out: String?

    @Flag(name: .long, help: "Replace a label template that holds filled-in labels not yet imported.")
    var force = false

    @OptionGroup var generatorOptions: GeneratorOptions

    func validate() throws {
        try requireList(indices, flag: "--indices")
        try requireList(classes, flag: "--classes")
        if (indices == nil) == (count == nil) { throw FlagError("give either --indices or --count") }
        if let count { try requireInRange(count, 1...10_000, "", source: "--count") }
        if let problem = Attribute.nameProblem(attribute) { throw FileError(path: "--attribute", problem: problem) }
    }

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        let data = try LabelledDataset.load(from: dataset)
        let chosen = try indices.map { try selectIndices($0.values.map(\.range), count: data.count) }
            ?? randomIndices(count!, of: data.count, seed: seed)
        let needsGenerator = !data.manifest.imagesStored && !data.manifest.isExternal
        let paths: (sheet: String, template: String)
        do {
            paths = try data.writeCurationFiles(
                folder: dataset, indices: chosen, attribute: attribute, classes: classes?.values,
                generator: needsGenerator ? try generatorOptions.load() : nil,
                prefix: out ?? "\(dataset)/curation/\(attribute)", force: force)
        } catch let error as FilledTemplateError {
            throw FileError(path: error.path, problem: "already holds \(error.filledLabels) filled-in label\(error.filledLabels == 1 ? "" : "s") not yet imported; import it first (Dataset import-labels), or pass --force to replace it")
        }
        print("contact sheet: \(paths.sheet)\nlabel template: \(paths.template)")
    }
}
