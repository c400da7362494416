import ArgumentParser

/// `Dataset`: make, curate, import and inspect labelled latent datasets.
@main
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Dataset",
        abstract: "Make, curate, import and inspect labelled latent datasets for GradCtrl.",
        discussion: """
            A dataset is a folder (by default under data/) holding manifest.json, latents.npy (float32 [N, D]), \
            labels.csv (index,<attribute>,...; one class index per cell, empty = unlabelled) and, for automatic \
            labels, scores.npy (their margins or per-class confidences). Images are not stored unless asked.

            Examples:
              swift run -c release Dataset sample --count 5000 --seed 1
              swift run Dataset sheet --dataset data/dcgan-digiface-64-n5000-s1 \\
                  --indices 0-99 --attribute smile --classes no,yes
              swift run Dataset import-labels --dataset data/dcgan-digiface-64-n5000-s1 \\
                  --csv smile-labels.csv --attribute smile --classes no,yes
              swift run Dataset import-latents --latents w.npy --labels w-labels.csv \\
                  --classes smile=no,yes --out data/stylegan-w
              swift run Dataset stats --dataset data/dcgan-digiface-64-n5000-s1
            """,
        subcommands: [SampleCommand.self, SheetCommand.self, ImportLabelsCommand.self, ImportLatentsCommand.self,
                      StatsCommand.self, MergeCommand.self, DropAttributeCommand.self])
}
