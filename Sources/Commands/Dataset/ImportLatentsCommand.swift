import ArgumentParser
import CommandSupport
import Dataset
import Diagnostics
import Foundation

/// `Dataset import-latents`: a dataset from another generator's latents and labels.
struct ImportLatentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-latents",
        abstract: "Make a dataset from latents and labels of another generator (trains without rendering).",
        discussion: """
            --latents is a float .npy [N, D] of any D (StyleGAN2 W codes, say; float16 too), or W+ codes \
            [N, L, D]: equal layers are stored as w [N, D], and of codes whose layers differ (an inversion's) \
            the dataset keeps layer 0, or --wplus-layer K. --labels is a CSV with the header \
            index,<attribute>,... and a class index or name per cell (empty = unlabelled). Give every \
            attribute's classes with --classes name=class0,class1,... (two classes make a binary attribute). \
            Bad latents (wrong shape, NaN, infinity) and every bad label line are reported, and nothing is written. \
            --images DIR stores the samples' images (rendered wherever the latents came from) for the labelling page.

            Examples:
              swift run Dataset import-latents --latents w.npy --labels w-labels.csv \\
                  --classes smile=no,yes --classes age=young,middle,old \\
                  --out data/stylegan-w
            """)

    @Option(name: .long, help: "Float .npy of latents [N, D].")
    var latents: String

    @Option(name: .long, help: "CSV of labels (optional: labels can be imported later with import-labels).")
    var labels: String?

    @Option(name: .long, help: "An attribute's classes, name=class0,class1,...; repeat per attribute.")
    var classes: [ClassAssignment] = []

    @Option(name: .long, help: "Output folder (default data/external-<latents file name>).")
    var out: String?

    @Option(name: .customLong("wplus-layer"), help: "For W+ codes [N, L, D] whose layers differ: the layer the dataset keeps (default 0).")
    var wPlusLayer: Int?

    @Flag(name: .long, help: "Replace an existing folder at --out even if it holds hand labels or other files.")
    var force = false

    @Option(help: "A folder of the latents' images, one per sample, named by sample index (0.png or 000000.png, .png or .jpg): stored in the dataset's images/ for curation.")
    var images: String?

    func validate() throws {
        if let problem = classes.lazy.compactMap(\.problem).first { throw FileError(path: "--classes", problem: problem) }
    }

    func run() throws { try namingFlags(datasetFlags, perform) }

    private func perform() throws {
        var classLists = [String: [String]]()
        for assignment in classes {
            guard classLists.updateValue(assignment.classes, forKey: assignment.attribute) == nil else {
                throw FlagError(ArgumentError(.classes, "attribute '\(assignment.attribute)' is given twice"), flags: datasetFlags)
            }
        }
        let dataset = try importExternalDataset(latentsPath: latents, labelsPath: labels, classes: classLists,
                                                wPlusLayer: wPlusLayer, note: { print($0) })
        let stem = URL(fileURLWithPath: latents).deletingPathExtension().lastPathComponent
        let folder = out ?? "data/external-\(stem)"
        if !force, let problem = replacementProblem(at: folder) {
            throw FileError(path: folder, problem: "\(problem); pass --force to replace it, or choose another --out")
        }
        if let images {
            try dataset.save(to: folder, images: try importedImageFiles(in: images, count: dataset.count))
            print("stored \(dataset.count) images from \(images) in \(folder)/images")
        } else {
            try dataset.save(to: folder)
        }
        print("imported \(dataset.count) latents of dimension \(dataset.manifest.latentDimension) into \(folder)")
        print(DatasetStatistics(dataset).report, terminator: "")
    }
}
