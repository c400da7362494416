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

        // Files and the terminal: the one-line "path: problem" error, reading whole files, atomic writes,
        // SHA-256 digests, the progress line on stderr. Depends on nothing.
        .target(name: "Files", dependencies: ["CFileSystem"], swiftSettings: optimised),

        // Kernels: the only unsafe pointer code.
        .target(name: "Kernels", dependencies: ["CBLAS", "CLAPACK", "CMalloc", "COrderedGemm"], swiftSettings: optimised),

        // Numeric core.
        .target(name: "NumericCore", dependencies: ["Kernels"], swiftSettings: optimised),

        // File formats, images, charts, progress.
        .target(name: "TensorFormats", dependencies: ["NumericCore", "Kernels", "Files"], swiftSettings: optimised),
        .target(name: "ImageIO", dependencies: ["CPNG", "CJPEG", "Files"], swiftSettings: optimised),
        .target(name: "Charts", dependencies: ["ImageIO"]),

        // Generators.
        .target(name: "Generator",
                dependencies: ["NumericCore", "TensorFormats", "ImageIO", "Kernels", "Files"],
                swiftSettings: optimised),

        // The user's own generator, served by a worker process over stdin/stdout (docs/generator-worker.md).
        .target(name: "GeneratorBridge", dependencies: ["Generator", "NumericCore", "TensorFormats", "Files"]),

        // Image labellers: rules that label an attribute from a rendered image, and judging edits by them.
        .target(name: "Labellers", dependencies: ["NumericCore", "Files"], swiftSettings: optimised),

        // Release-mode measurements.
        .target(name: "Benchmarks", dependencies: ["Kernels", "NumericCore", "Generator", "GeneratorBridge", "LatentClassifier", "Trainer"]),

        // Stages.
        .target(name: "Dataset",
                dependencies: ["Generator", "Labellers", "NumericCore", "TensorFormats", "ImageIO", "Charts", "Files"],
                swiftSettings: optimised),
        .target(name: "LatentClassifier", dependencies: ["Kernels", "NumericCore", "Files"],
                swiftSettings: optimised),
        .target(name: "Trainer",
                dependencies: ["LatentClassifier", "NumericCore", "TensorFormats", "Charts", "ImageIO", "Files"],
                swiftSettings: optimised),
        .target(name: "Editing", dependencies: ["LatentClassifier", "NumericCore", "Files"], swiftSettings: optimised),
        .target(name: "Saliency",
                dependencies: ["LatentClassifier", "Editing", "NumericCore", "Charts", "ImageIO"],
                swiftSettings: optimised),
        .target(name: "Export",
                dependencies: ["Saliency", "Editing", "LatentClassifier", "TensorFormats", "NumericCore", "Generator", "Files"]),

        // The jobs the commands run: the main job and the editor.
        .target(name: "Jobs",
                dependencies: ["Dataset", "Labellers", "Trainer", "Saliency", "Export", "Editing", "Generator", "LatentClassifier",
                               "NumericCore", "TensorFormats", "ImageIO", "Files", "Discovery", "Kernels"]),

        // Unsupervised discovery of latent directions (GANSpace, SeFa), usable by the editor and the evaluation.
        // TCA (multilinear PCA, tensor regression back to z), naming and measuring directions, the directions file.
        .target(name: "Discovery",
                dependencies: ["Editing", "Generator", "LatentClassifier", "NumericCore", "Kernels", "Labellers", "Export",
                               "Files", "ImageIO", "TensorFormats"],
                swiftSettings: optimised),

        // The disentanglement benchmark of GradCtrl against linear directions (beside Jobs).
        .target(name: "Evaluation",
                dependencies: ["Jobs", "Discovery", "Manifolds", "Dataset", "Labellers", "Trainer", "Editing", "Export", "Generator", "Kernels",
                               "LatentClassifier", "NumericCore", "TensorFormats", "ImageIO", "Charts", "Files"],
                swiftSettings: optimised),

        // Unsupervised discovery of directions with a reconstructor (Lu et al. 2020, reconstructed; Voynov & Babenko 2020).
        .target(name: "Manifolds",
                dependencies: ["Discovery", "Export", "Generator", "Labellers", "NumericCore", "Kernels", "TensorFormats", "ImageIO", "Files"],
                swiftSettings: optimised),

        // Every reader a user's file reaches, fed arbitrary bytes: the fuzz targets (Fuzz/) and the regression corpus test.
        .target(name: "ReaderProbes",
                dependencies: ["Dataset", "Editing", "Export", "Files", "GeneratorBridge", "ImageIO", "Labellers", "TensorFormats"]),

        // The labelling page with active learning (issue 13): the server, its page and the simulation.
        .target(name: "Curation",
                dependencies: ["Dataset", "Labellers", "Trainer", "LatentClassifier", "NumericCore", "Generator", "ImageIO",
                               "Charts", "Files", "TensorFormats", .product(name: "FlyingFox", package: "FlyingFox")],
                resources: [.copy("Page")]),

        // Thin command-line executables, and what they share: flag errors and comma lists.
        .target(name: "CommandSupport",
                dependencies: ["Files", "Generator", "GeneratorBridge",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                path: "Sources/Commands/Support"),
        .executableTarget(name: "RenderCommand",
                          dependencies: ["CommandSupport", "Generator", "ImageIO", "TensorFormats", "NumericCore", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Render"),
        .executableTarget(name: "DatasetCommand",
                          dependencies: ["CommandSupport", "Dataset", "Labellers", "Generator", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Dataset"),
        .executableTarget(name: "TrainerCommand",
                          dependencies: ["CommandSupport", "Editing", "Jobs", "Trainer", "Dataset", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Trainer"),
        .executableTarget(name: "EditorCommand",
                          dependencies: ["CommandSupport", "Editing", "Jobs", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Editor"),
        .executableTarget(name: "BenchmarkCommand",
                          dependencies: ["Benchmarks", "CommandSupport", "Generator",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Benchmark"),
        .executableTarget(name: "EvaluateCommand",
                          dependencies: ["CommandSupport", "Evaluation", "Files", "Generator", "NumericCore",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Evaluate"),

        .executableTarget(name: "DiscoverCommand",
                          dependencies: ["CommandSupport", "Discovery", "Manifolds", "Generator", "GeneratorBridge",
                                         "NumericCore", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Discover"),

        .executableTarget(name: "CurateCommand",
                          dependencies: ["CommandSupport", "Curation", "Dataset", "Labellers", "Generator", "ImageIO", "Files",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Curate"),

        // Tests. Every test target uses the one support library, Tests/CommandTestSupport: temporary folders,
        // thrown errors as text, running the products and other programs, fixtures, random latents.
        .target(name: "CommandTestSupport", dependencies: ["NumericCore"], path: "Tests/CommandTestSupport"),
        .testTarget(name: "FilesTests", dependencies: ["CommandTestSupport", "Files"]),
        .testTarget(name: "KernelsTests", dependencies: ["CommandTestSupport", "Kernels"]),
        .testTarget(name: "NumericCoreTests", dependencies: ["CommandTestSupport", "NumericCore", "Kernels"]),
        .testTarget(name: "TensorFormatsTests", dependencies: ["CommandTestSupport", "TensorFormats", "NumericCore", "Files"]),
        .testTarget(name: "ImageIOTests", dependencies: ["CommandTestSupport", "ImageIO", "Charts"]),
        .testTarget(name: "GeneratorTests", dependencies: ["CommandTestSupport", "Generator", "NumericCore", "TensorFormats", "Files"]),
        .testTarget(name: "DatasetTests", dependencies: ["CommandTestSupport", "Dataset", "Labellers", "Generator", "TensorFormats", "NumericCore", "ImageIO"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["CommandTestSupport", "Benchmarks", "Generator"]),
        .testTarget(name: "LatentClassifierTests", dependencies: ["CommandTestSupport", "LatentClassifier", "NumericCore", "Files"]),
        .testTarget(name: "TrainerTests", dependencies: ["CommandTestSupport", "Trainer", "LatentClassifier", "NumericCore", "TensorFormats", "ImageIO"]),
        .testTarget(name: "EditingTests", dependencies: ["CommandTestSupport", "Editing", "Saliency", "Export", "LatentClassifier",
                                                        "NumericCore", "TensorFormats", "ImageIO", "Files"]),
        .testTarget(name: "EvaluationTests", dependencies: ["CommandTestSupport", "Evaluation", "Discovery", "Dataset", "Labellers", "Editing",
                                                           "Generator", "NumericCore"]),
        .testTarget(name: "CommandSupportTests", dependencies: ["CommandTestSupport", "CommandSupport", "Files"]),
        .testTarget(name: "GeneratorBridgeTests", dependencies: ["CommandTestSupport", "GeneratorBridge", "Generator", "NumericCore"]),
        .testTarget(name: "JobsTests", dependencies: ["CommandTestSupport", "Jobs", "Dataset", "Editing", "Export", "Generator", "Labellers", "NumericCore", "TensorFormats"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["CommandTestSupport", "Discovery", "Editing", "Export", "Files", "Generator", "Kernels", "NumericCore", "TensorFormats"]),
        .testTarget(name: "ManifoldsTests", dependencies: ["CommandTestSupport", "Manifolds", "Discovery", "Generator", "NumericCore"]),
        .testTarget(name: "CurationTests", dependencies: ["CommandTestSupport", "Curation", "Dataset", "NumericCore", "Files", "TensorFormats"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CommandTestSupport", "Dataset", "Discovery", "Export", "GeneratorBridge", "ImageIO", "NumericCore", "ReaderProbes", "TensorFormats"]),
    ]
)

// libFuzzer targets (Fuzz/), declared only when GRADCTRL_FUZZ is set, so that `swift build` and `swift test` never
// see them; Fuzz/run builds them with -sanitize=fuzzer,address into .build-fuzz.
if ProcessInfo.processInfo.environment["GRADCTRL_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", dependencies: ["ReaderProbes", "TensorFormats"], path: "Fuzz/Driver"))
    for name in ["FuzzNpy", "FuzzSafeTensors", "FuzzBundle", "FuzzManifest", "FuzzLabelCSV", "FuzzImage", "FuzzWorkerFrame"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["FuzzDriver"], path: "Fuzz/Targets/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
