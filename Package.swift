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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C shims.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CFileSystem"),

        // The one error type for "this file has this problem"; depends on nothing.
        .target(name: "FileErrors"),

        // Kernels: the only unsafe pointer code.
        .target(name: "Kernels", dependencies: ["CBLAS", "CMalloc"], swiftSettings: optimised),

        // Numeric core.
        .target(name: "NumericCore", dependencies: ["Kernels"], swiftSettings: optimised),

        // File formats, images, charts, progress.
        .target(name: "TensorFormats", dependencies: ["NumericCore", "Kernels", "AtomicFiles", "FileErrors"], swiftSettings: optimised),
        .target(name: "ImageIO", dependencies: ["CPNG", "CJPEG", "Kernels", "AtomicFiles", "FileErrors"], swiftSettings: optimised),
        .target(name: "Charts", dependencies: ["ImageIO"]),
        .target(name: "Reporting"),
        .target(name: "AtomicFiles", dependencies: ["CFileSystem", "FileErrors"]),

        // Generators.
        .target(name: "Generator",
                dependencies: ["NumericCore", "TensorFormats", "ImageIO", "Kernels", "FileErrors"],
                swiftSettings: optimised),

        // Image labellers: rules that label an attribute from a rendered image, and judging edits by them.
        .target(name: "Labellers", dependencies: ["NumericCore", "FileErrors"], swiftSettings: optimised),

        // Release-mode measurements.
        .target(name: "Benchmarks", dependencies: ["Kernels", "NumericCore", "Generator"]),

        // Stages.
        .target(name: "Dataset",
                dependencies: ["Generator", "Labellers", "NumericCore", "TensorFormats", "ImageIO", "Charts", "Reporting",
                               "AtomicFiles", "FileErrors"],
                swiftSettings: optimised),
        .target(name: "LatentClassifier", dependencies: ["Kernels", "NumericCore", "TensorFormats", "FileErrors"],
                swiftSettings: optimised),
        .target(name: "Trainer",
                dependencies: ["LatentClassifier", "NumericCore", "TensorFormats", "Charts", "ImageIO", "Reporting", "AtomicFiles",
                               "FileErrors"],
                swiftSettings: optimised),
        .target(name: "Editing", dependencies: ["LatentClassifier", "NumericCore"], swiftSettings: optimised),
        .target(name: "Saliency",
                dependencies: ["LatentClassifier", "Editing", "NumericCore", "Charts", "ImageIO"],
                swiftSettings: optimised),
        .target(name: "Export",
                dependencies: ["Saliency", "Editing", "LatentClassifier", "TensorFormats", "NumericCore", "Generator", "FileErrors"]),

        // The jobs the commands run: the main job and the editor.
        .target(name: "Jobs",
                dependencies: ["Dataset", "Labellers", "Trainer", "Saliency", "Export", "Editing", "Generator", "LatentClassifier",
                               "NumericCore", "TensorFormats", "ImageIO", "Reporting", "AtomicFiles", "FileErrors"]),

        // Unsupervised discovery of latent directions (GANSpace, SeFa), usable by the editor and the evaluation.
        .target(name: "Discovery",
                dependencies: ["Editing", "Generator", "LatentClassifier", "NumericCore", "Kernels"],
                swiftSettings: optimised),

        // The disentanglement benchmark of GradCtrl against linear directions (beside Jobs).
        .target(name: "Evaluation",
                dependencies: ["Jobs", "Discovery", "Dataset", "Labellers", "Trainer", "Editing", "Export", "Generator", "LatentClassifier",
                               "NumericCore", "TensorFormats", "ImageIO", "Charts", "Reporting", "AtomicFiles"],
                swiftSettings: optimised),

        // Every reader a user's file reaches, fed arbitrary bytes: the fuzz targets (Fuzz/) and the regression corpus test.
        .target(name: "ReaderProbes",
                dependencies: ["Dataset", "Editing", "Export", "FileErrors", "ImageIO", "Labellers", "TensorFormats"]),

        // Thin command-line executables.
        .executableTarget(name: "RenderCommand",
                          dependencies: ["Generator", "ImageIO", "TensorFormats", "Reporting", "FileErrors", "AtomicFiles",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Render"),
        .executableTarget(name: "DatasetCommand",
                          dependencies: ["Dataset", "Labellers", "Generator", "Reporting", "FileErrors",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Dataset"),
        .executableTarget(name: "TrainerCommand",
                          dependencies: ["Jobs", "Trainer", "Dataset", "FileErrors", "Reporting",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Trainer"),
        .executableTarget(name: "EditorCommand",
                          dependencies: ["Jobs", "Editing", "FileErrors", "Reporting",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Editor"),
        .executableTarget(name: "BenchmarkCommand",
                          dependencies: ["Benchmarks", "Generator", "Trainer",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Benchmark"),
        .executableTarget(name: "EvaluateCommand",
                          dependencies: ["Evaluation", "Reporting",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "Sources/Commands/Evaluate"),

        // Tests.
        .target(name: "CommandTestSupport", path: "Tests/CommandTestSupport"),
        .testTarget(name: "FileErrorsTests", dependencies: ["FileErrors"]),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore", "Kernels"]),
        .testTarget(name: "TensorFormatsTests", dependencies: ["CommandTestSupport", "TensorFormats", "NumericCore", "FileErrors"]),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "Charts"]),
        .testTarget(name: "GeneratorTests", dependencies: ["CommandTestSupport", "Generator", "NumericCore", "TensorFormats", "FileErrors"]),
        .testTarget(name: "DatasetTests", dependencies: ["CommandTestSupport", "Dataset", "Labellers", "Generator", "TensorFormats", "NumericCore", "ImageIO"]),
        .testTarget(name: "BenchmarksTests", dependencies: ["Benchmarks"]),
        .testTarget(name: "LatentClassifierTests", dependencies: ["LatentClassifier", "NumericCore", "FileErrors"]),
        .testTarget(name: "TrainerTests", dependencies: ["Trainer", "LatentClassifier", "NumericCore", "TensorFormats", "ImageIO"]),
        .testTarget(name: "EditingTests", dependencies: ["Editing", "Saliency", "Export", "LatentClassifier",
                                                        "NumericCore", "TensorFormats", "ImageIO", "FileErrors"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Discovery", "Labellers", "Editing", "Generator", "LatentClassifier",
                                                           "NumericCore"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "Editing", "NumericCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CommandTestSupport", "ReaderProbes", "TensorFormats", "ImageIO", "Export", "Dataset"]),
    ]
)

// libFuzzer targets (Fuzz/), declared only when GRADCTRL_FUZZ is set, so that `swift build` and `swift test` never
// see them; Fuzz/run builds them with -sanitize=fuzzer,address into .build-fuzz.
if ProcessInfo.processInfo.environment["GRADCTRL_FUZZ"] != nil {
    let fuzzTargets: [(String, [Target.Dependency])] = [
        ("FuzzNpy", ["ReaderProbes"]),
        ("FuzzSafeTensors", ["ReaderProbes"]),
        ("FuzzBundle", ["ReaderProbes", "TensorFormats"]),
        ("FuzzManifest", ["ReaderProbes"]),
        ("FuzzLabelCSV", ["ReaderProbes"]),
        ("FuzzImage", ["ReaderProbes"]),
    ]
    for (name, dependencies) in fuzzTargets {
        package.targets.append(.executableTarget(name: name, dependencies: dependencies, path: "Fuzz/Targets/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
