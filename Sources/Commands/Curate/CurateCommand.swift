import ArgumentParser

/// `Curate`: label a dataset in the browser, the model asking for the labels it needs.
@main
struct CurateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "Curate",
        abstract: "Label one attribute of a dataset in the browser, with the model asking for the labels it needs.",
        discussion: """
            'serve' (the default) serves a labelling page on 127.0.0.1: a grid of the samples' images, keys 1-9 \
            give a class, arrows move, u undoes, s skips. Every label is written to the dataset's labels.csv \
            before the page is told it is saved. Once every class has a few labels, the Trainer retrains the \
            attribute's classifier in the background, and the page can show the samples the model is least \
            sure of first, or the labels it contradicts. 'simulate' measures what asking the model gains, with \
            a built-in labeller standing in for the person.

            Examples:
              swift run Curate --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --attribute smile --classes no,yes
              swift run Curate --dataset data/my-set --attribute glasses --port 8800
              swift run -c release Curate simulate --attribute lightness
            """,
        subcommands: [ServeCommand.self, SimulateCommand.self],
        defaultSubcommand: ServeCommand.self)
}
