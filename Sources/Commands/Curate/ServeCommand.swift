import ArgumentParser
import CommandSupport
import Curation
import Dataset
import Foundation
import Generator

/// `Curate serve`: the labelling page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the labelling page for one attribute of a dataset (Ctrl-C stops).",
        discussion: """
            Prints the page's address. A new attribute needs --classes (at most 9, one per key); an existing \
            one must be hand-labelled (not made by a built-in labeller). Images come from the dataset's \
            images/ folder, or are rendered by the embedded generator and kept in memory, or by your own \
            generator's worker (--generator spec.json: it must be the dataset's generator); a dataset of another \
            generator's latents without images or worker is labelled by sample number only, and the page says so. \
            The model is saved in <dataset>/curation/<attribute>.model.safetensors and read again at the next \
            start, so its orders work at once after a restart.

            Examples:
              swift run Curate serve --dataset data/dcgan-digiface-64-n5000-s0 \\
                  --attribute smile --classes no,yes
              swift run Curate serve --dataset data/my-set --attribute glasses \\
                  --port 8800 --retrain-every 20
            """)

    @Option(help: "The dataset folder (from Dataset sample or import-latents).") var dataset: String
    @Option(help: "The attribute to label.") var attribute: String
    @Option(help: "Its class names, comma-separated, for a new attribute (e.g. no,yes).") var classes: CommaList<String>?
    @Option(help: "Address to listen on: 127.0.0.1 keeps the page to this machine; another address opens it to the network.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port: UInt16 = 8765
    @Option(name: .customLong("retrain-every"), help: "Retrain the model after this many new labels.") var retrainEvery = ActiveLearningSettings().retrainEvery
    @Option(name: .customLong("min-per-class"), help: "Labels every class needs before the first model.") var minimumPerClass = ActiveLearningSettings().minimumPerClass
    @OptionGroup var generatorWorker: GeneratorWorkerOption

    func validate() throws {
        try requireList(classes, flag: "--classes")
        if retrainEvery < 1 { throw FlagError("--retrain-every must be at least 1") }
        if minimumPerClass < 2 { throw FlagError("--min-per-class must be at least 2 (one label to train on, one to hold out)") }
    }

    func run() async throws {
        let data = try openForCuration(folder: dataset, attribute: attribute, classes: classes?.values)
        var generator: (any LatentGenerator)?
        if let worker = try generatorWorker.loadWorker() {
            guard worker.identifier == data.manifest.generator, worker.checkpointSHA256 == data.manifest.checkpointSHA256,
                  worker.latentDimension == data.manifest.latentDimension else {
                generatorWorker.stop(worker)
                throw FlagError("--generator: the worker serves \(worker.identifier) (D = \(worker.latentDimension)), but \(dataset) was made with \(data.manifest.generator) (D = \(data.manifest.latentDimension)), or other weights")
            }
            generator = worker
        } else if !data.manifest.imagesStored && data.manifest.generator == DCGANGenerator.embeddedIdentifier {
            generator = try DCGANGenerator.embedded()
        }
        defer { generatorWorker.stop(generator) }
        var settings = ActiveLearningSettings()
        settings.retrainEvery = retrainEvery
        settings.minimumPerClass = minimumPerClass
        let session = try CurationSession(dataset: data, folder: dataset, attribute: attribute, settings: settings)
        if let note = session.restoreNote { print(note) }
        await session.resumeTraining()
        let images = SampleImageSource(dataset: data, folder: dataset, generator: generator)
        let server = try CurationServer(session: session, images: images, host: host, port: port)

        let stops = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await server.stop() } }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }

        let labelled = data.labels[try data.attributeIndex(attribute)].compactMap { $0 }.count
        try await server.run { address in
            print("Curating '\(attribute)' of \(dataset) (\(labelled) of \(data.count) labelled) at \(address)")
            print("The model is kept in \(savedModelPath(folder: dataset, attribute: attribute)) and read again at the next start.")
            print("Open it in a browser; every label is saved to \(dataset)/labels.csv as it is given. Ctrl-C stops.")
            if let reason = images.unavailableReason { print("No images to show: \(reason).") }
            fflush(nil)
        }
        let final = await session.labels.compactMap { $0 }.count
        print("Stopped. \(final) of \(data.count) samples of '\(attribute)' labelled, in \(dataset)/labels.csv")
    }
}
