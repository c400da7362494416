// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Targets whose inner loops must stay fast even in a debug build (`swift run Trainer` builds debug).
let optimised: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-fno-math-errno"])]

let package = Package(
    name: "GradCtrlWorkbench",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "Trainer", targets: ["TrainerCommand"]),
        .executable(name: "Dataset", targets: ["DatasetCommand"]),
        .executable(name: "Editor", targets: ["EditorCommand"]),
        .executable(name: "Render", targets: ["RenderCommand"]),
        .executable(name: "Benchmark", targets: ["BenchmarkCommand"]),
        .executable(name: "Evaluate", targets: ["EvaluateCommand"]),
        .executable(name: "Discover", targets: ["DiscoverCommand"]),
        .executable(name: "Curate", targets: ["CurateCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C shims.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACK", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // The ordered product: every element summed in index order, the same bytes on every x86-64 CPU.
        .target(name: "COrderedGemm", cSettings: [.unsafeFlags(["-O2"])], linkerSettings: [.linkedLibrary("m")]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CFileSystem"),

        // What a user reads when something is wrong or slow: the one-line "path: problem" and "argument: problem"
        // errors, range checks, the progress line on stderr. Depends on nothing.
        .target(name: "Diagnostics", swiftSettings: optimised),
        // Files written so that a crash never leaves half of one: whole-file reads, atomic writes, folder
        // replacement, staged run outputs, names that become paths, SHA-256 digests.
        .target(name: "FileStorage", dependencies: ["Diagnostics", "CFileSystem"], swiftSettings: optimised),

        // Kernels: the only unsafe pointer code.
        .target(name: "Kernels", dependencies: ["CBLAS", "CLAPACK", "CMalloc", "COrderedGemm"], swiftSettings: optimised),

        // Numeric core.
        .target(name: "NumericCore", dependencies: ["Kernels"], swiftSettings: optimised),

        // File formats, images, charts, progress.
        .target(name: "TensorFormats", dependencies: ["NumericCore", "Kernels", "Diagnostics", "FileStorage"], swiftSettings: optimised),
        .target(name: "ImageIO", dependencies: ["CPNG", "CJPEG", "Diagnostics", "FileStorage"], swiftSettings: optimised),
        .target(name: "Charts", dependencies: ["ImageIO"]),

        // Generators.
        .target(name: "Generator",
                dependencies: ["NumericCore", "TensorFormats", "ImageIO", "Kernels", "Diagnostics", "FileStorage"],
                swiftSettings: optimised),

        // The user's own generator, served by a worker process over stdin/stdout (docs/generator-worker.md).
        .target(name: "GeneratorBridge", dependencies: ["Generator", "NumericCore", "TensorFormats", "Diagnostics", "FileStorage"]),

        // Image labellers: rules that label an attribute from a rendered image, and judging edits by them.
        .target(name: "Labellers", dependencies: ["NumericCore", "Diagnostics"], swiftSettings: optimised),

        // Release-mode measurements.
        .target(name: "Benchmarks", dependencies: ["Kernels", "NumericCore", "Generator", "GeneratorBridge", "LatentClassifier", "Trainer"]),

        // Stages.
        .target(name: "Dataset",
                dependencies: ["Generator", "Labellers", "NumericCore", "TensorFormats", "ImageIO", "Charts", "Diagnostics", "FileStorage"],
                swiftSettings: optimised),
        .target(name: "LatentClassifier", dependencies: ["Kernels", "NumericCore", "Diagnostics"],
                swiftSettings: optimised),
        .target(name: "Trainer",
                dependencies: ["Dataset", "LatentClassifier", "NumericCore", "TensorFormats", "Charts", "ImageIO", "Diagnostics", "FileStorage"],
                swiftSettings: optimised),
        .target(name: "Editing", dependencies: ["Kernels", "LatentClassifier", "NumericCore", "Diagnostics"], swiftSettings: optimised),
        .target(name: "Saliency",
                dependencies: ["LatentClassifier", "NumericCore", "Charts", "ImageIO"],
                swiftSettings: optimised),
        // The edit bundle format: one safetensors file with JSON metadata, written and read (docs/bundle-format.md).
        .target(name: "Bundles",
                dependencies: ["Generator", "Saliency", "Editing", "LatentClassifier", "TensorFormats", "NumericCore", "Diagnostics", "FileStorage"]),

        // The files of a training run, named so that runs never collide and committed as one set: the classifier
        // checkpoints, the edit bundle assembled from the trained attributes, the reports folder.
        .target(name: "Export",
                dependencies: ["Bundles", "Trainer", "Saliency", "Editing", "Generator", "TensorFormats", "Diagnostics", "FileStorage"]),

        // The main job: the dataset, the training plan, path augmentation, the edit method and stop rule chosen
        // by judges the edit does not use, the export.
        .target(name: "MainJob",
                dependencies: ["Export", "Dataset", "Labellers", "Trainer", "Saliency", "Bundles", "Editing", "Generator", "LatentClassifier",
                               "NumericCore", "TensorFormats", "ImageIO", "Charts", "Diagnostics", "FileStorage", "Kernels"]),

        // The editor's job: a bundle's or a discovered direction's edits of latents, judged and drawn as sheets.
        .target(name: "EditorJob",
                dependencies: ["Bundles", "Discovery", "Editing", "Generator", "Labellers",
                               "NumericCore", "TensorFormats", "ImageIO", "Diagnostics", "FileStorage"]),

        // Unsupervised discovery of latent directions (GANSpace, SeFa), usable by the editor and the evaluation.
        // TCA (multilinear PCA, tensor regression back to z), naming and measuring directions, the directions file.
        .target(name: "Discovery",
                dependencies: ["Editing", "Generator", "LatentClassifier", "NumericCore", "Kernels", "Labellers", "Diagnostics", "FileStorage", "ImageIO", "TensorFormats"],
                swiftSettings: optimised),

        // The disentanglement benchmark of GradCtrl against linear directions (beside Jobs).
        .target(name: "Evaluation",
                dependencies: ["MainJob", "Discovery", "Manifolds", "Dataset", "Labellers", "Trainer", "Editing", "Bundles", "Generator", "Kernels",
                               "LatentClassifier", "NumericCore", "TensorFormats", "ImageIO", "Charts", "Diagnostics", "FileStorage"],
                swiftSettings: optimised),

        // Unsupervised discovery of directions with a reconstructor (Lu et al. 2020, reconstructed; Voynov & Babenko 2020).
        .target(name: "Manifolds",
                dependencies: ["Discovery", "Generator", "Labellers", "NumericCore", "Kernels", "TensorFormats", "ImageIO", "Diagnostics", "FileStorage"],
                swiftSettings: optimised),

        // Every reader a user's file reaches, fed arbitrary bytes: the fuzz targets (Fuzz/) and the regression corpus test.
        .target(name: "ReaderProbes",
                dependencies: ["Dataset", "Editing", "Bundles", "Curation", "Discovery", "Export", "FileStorage", "GeneratorBridge", "ImageIO",
                               "Labellers", "NumericCore", "TensorFormats"]),

        // The labelling page with active learning (issue 13): the server, its page and the simulation.
        .target(name: "Curation",
                dependencies: ["TensorFormats", "Dataset", "Labellers", "Trainer", "LatentClassifier", "NumericCore", "Generator", "ImageIO",
                               "Charts", "Diagnostics", .product(name: "FlyingFox", package: "FlyingFox")],
                resources: [.copy("Page")]),

        // Thin command-line executables, and what they share: flag errors and comma lists.
        .target(name: "CommandSupport",
                dependencies: ["Diagnostics", "Generator", "GeneratorBridge",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/Commands/Support"),
        .executableTarget(name: "RenderCommand",
                          dependencies: ["CommandSupport", "Generator", "ImageIO", "TensorFormats", "NumericCore", "Diagnostics", "FileStorage",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Render"),
        .executableTarget(name: "DatasetCommand",
                          dependencies: ["CommandSupport", "Dataset", "Labellers", "Generator", "Diagnostics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Dataset"),
        .executableTarget(name: "TrainerCommand",
                          dependencies: ["LatentClassifier", "CommandSupport", "Editing", "MainJob", "Export", "Trainer", "Dataset", "Diagnostics", "FileStorage",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Trainer"),
        .executableTarget(name: "EditorCommand",
                          dependencies: ["EditorJob", "CommandSupport", "Editing", "Diagnostics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Editor"),
        .executableTarget(name: "BenchmarkCommand",
                          dependencies: ["Benchmarks", "CommandSupport", "Generator",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Benchmark"),
        .executableTarget(name: "EvaluateCommand",
                          dependencies: ["MainJob", "CommandSupport", "Evaluation", "Diagnostics", "Generator", "NumericCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Evaluate"),

        .executableTarget(name: "DiscoverCommand",
                          dependencies: ["CommandSupport", "Discovery", "Manifolds", "Generator", "GeneratorBridge",
                                         "NumericCore", "Diagnostics", .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Discover"),

        .executableTarget(name: "CurateCommand",
                          dependencies: ["CommandSupport", "Curation", "Dataset", "Labellers", "Generator", "ImageIO", "Diagnostics", "FileStorage",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Curate"),

        // Tests. Every test target uses the one support library, Tests/CommandTestSupport: temporary folders,
        // thrown errors as text, running the products and other programs, fixtures, random latents.
        .target(name: "CommandTestSupport", dependencies: ["NumericCore"], path: "Tests/CommandTestSupport"),
        .testTarget(name: "FileStorageTests", dependencies: ["CommandTestSupport", "Diagnostics", "FileStorage"]),
        .testTarget(name: "KernelsTests", dependencies: ["CommandTestSupport", "Kernels"]),
        .testTarget(name: "NumericCoreTests", dependencies: ["CommandTestSupport", "NumericCore", "Kernels"]),
        .testTarget(name: "TensorFormatsTests", dependencies: ["CommandTestSupport", "TensorFormats", "NumericCore", "Diagnostics"]),
        .testTarget(name: "ImageIOTests", dependencies: ["CommandTestSupport", "ImageIO", "Charts"]),
        .testTarget(name: "GeneratorTests", dependencies: ["CommandTestSupport", "Generator", "NumericCore", "TensorFormats", "Diagnostics"]),
        .testTarget(name: "DatasetTests", dependencies: ["CommandTestSupport", "Dataset", "Labellers", "Generator", "TensorFormats", "NumericCore", "ImageIO"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["CommandTestSupport", "Benchmarks", "Generator"]),
        .testTarget(name: "LatentClassifierTests", dependencies: ["CommandTestSupport", "LatentClassifier", "NumericCore", "Diagnostics"]),
        .testTarget(name: "TrainerTests", dependencies: ["CommandTestSupport", "Trainer", "LatentClassifier", "NumericCore", "TensorFormats", "ImageIO"]),
        .testTarget(name: "EditingTests", dependencies: ["Generator", "CommandTestSupport", "Editing", "Saliency", "Bundles", "LatentClassifier",
                                                        "NumericCore", "TensorFormats", "ImageIO", "Diagnostics"]),
        .testTarget(name: "EvaluationTests", dependencies: ["CommandTestSupport", "Evaluation", "Discovery", "Dataset", "Labellers", "Editing",
                                                           "Generator", "NumericCore"]),
        .testTarget(name: "CommandSupportTests", dependencies: ["CommandTestSupport", "CommandSupport", "Diagnostics"]),
        .testTarget(name: "GeneratorBridgeTests", dependencies: ["CommandTestSupport", "GeneratorBridge", "Generator", "NumericCore"]),
        .testTarget(name: "MainJobTests", dependencies: ["LatentClassifier", "Trainer", "Diagnostics", "CommandTestSupport", "MainJob", "Export", "Dataset", "Editing", "Bundles", "Generator", "Labellers", "NumericCore", "TensorFormats"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["CommandTestSupport", "Discovery", "Editing", "Diagnostics", "Generator", "Kernels", "NumericCore", "TensorFormats"]),
        .testTarget(name: "ManifoldsTests", dependencies: ["CommandTestSupport", "Manifolds", "Discovery", "Generator", "NumericCore"]),
        .testTarget(name: "CurationTests", dependencies: ["TensorFormats", "CommandTestSupport", "Curation", "Dataset", "NumericCore", "Diagnostics"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CommandTestSupport", "Curation", "Dataset", "Discovery", "Export", "Bundles", "Generator",
                                                          "GeneratorBridge", "ImageIO", "LatentClassifier", "NumericCore", "ReaderProbes", "TensorFormats"]),
    ]
)

// libFuzzer targets (Fuzz/), declared only when GRADCTRL_FUZZ is set, so that `swift build` and `swift test` never
// see them; Fuzz/run builds them with -sanitize=fuzzer,address into .build-fuzz.
if ProcessInfo.processInfo.environment["GRADCTRL_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", dependencies: ["ReaderProbes", "TensorFormats"], path: "Fuzz/Driver"))
    for name in ["FuzzNpy", "FuzzSafeTensors", "FuzzBundle", "FuzzManifest", "FuzzLabelCSV", "FuzzImage", "FuzzWorkerFrame",
                 "FuzzDirections", "FuzzRunManifest", "FuzzCurationModel"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzDriver"], path: "Fuzz/Targets/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
