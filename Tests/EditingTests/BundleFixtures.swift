import CommandTestSupport
import Editing
import Bundles
import Foundation
import Generator
import LatentClassifier
import NumericCore
import Saliency

/// A bundle for a `dimension`-d latent space over three attributes trained on synthetic labels: a 3-class
/// "color" (red, green, blue), a binary "light" (dark, light) and a 3-class "side" (left, middle, right).
/// `target` is edited and the other two are protected, with the method chosen by `chooseMasks` unless
/// `method` is given.
func makeBundle(dimension d: Int = 10, target: String = "color", method: EditMethod? = nil, keepNorm: Bool = false,
                generator: GeneratorIdentity? = nil) throws -> EditBundle {
    let sample = gaussianLatents(200, d, seed: 53)
    func attribute(_ name: String, _ classes: [String], _ model: MLPClassifier) throws -> BundleAttribute {
        try BundleAttribute(name: name, classNames: classes, classifier: model, trainingMetrics: ["validationAccuracy": 0.9],
                            saliency: computeSaliency(attribute: name, classNames: classes, classifier: model, latents: sample))
    }
    let attributes = [
        try attribute("color", ["red", "green", "blue"], trainedClassifier(dimension: d, classes: 3, seed: 50, epochs: 20) {
            $0[0] + $0[1] > 0.8 ? 2 : ($0[0] - $0[2] > 0 ? 1 : 0)
        }),
        try attribute("light", ["dark", "light"], trainedClassifier(dimension: d, classes: 2, seed: 51, epochs: 20) {
            $0[1] + 0.3 * $0[3] > 0 ? 1 : 0
        }),
        try attribute("side", ["left", "middle", "right"], trainedClassifier(dimension: d, classes: 3, seed: 52, epochs: 20) {
            $0[2] > 0.5 ? 2 : ($0[4] > 0 ? 1 : 0)
        }),
    ]
    let edited = attributes.first { $0.name == target }!
    let protected = attributes.filter { $0.name != target }
    let edit = try EditSettings(steps: 9, stepLength: 0.5, keepNorm: keepNorm)
    let choice = try chooseMasks(gaussianLatents(100, d, seed: 54), attribute: target, classifier: edited.classifier,
                                 protected: protected.map { ProtectedAttribute(name: $0.name, classifier: $0.classifier) },
                                 settings: MaskSearchSettings(budgetGrid: [0, 1, 2, 3], edit: edit))
    return try EditBundle(generator: generator ?? GeneratorIdentity(identifier: "test-gen", checkpointSHA256: String(repeating: "ab", count: 32), latentDimension: d),
                          target: edited, protected: protected, method: method ?? choice.method, maskChoice: choice,
                          editDefaults: edit, dataset: DatasetProvenance(source: "synthetic", sampleCount: 512))
}
