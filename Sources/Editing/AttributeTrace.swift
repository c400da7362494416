import LatentClassifier
import NumericCore

/// One attribute's class probabilities at every point of a batch of edit paths.
public struct AttributeTrace: Sendable {
    /// The attribute's name.
    public let name: String
    /// Class probabilities `[N, points, K]`: latent, path point (0 = start), class.
    public let probabilities: Tensor

    /// The probabilities of `classifier` at every point of `path` `[N, points, D]`.
    public init(name: String, classifier: MLPClassifier, path: Tensor) {
        let (n, points, d) = (path.shape[0], path.shape[1], path.shape[2])
        let flat = classifier.probabilities(path.reshaped([n * points, d]))
        self.name = name
        probabilities = flat.reshaped([n, points, classifier.architecture.classCount])
    }

    /// The number of latents.
    public var latentCount: Int { probabilities.shape[0] }
    /// The number of path points (steps + 1).
    public var pointCount: Int { probabilities.shape[1] }
    /// The number of classes.
    public var classCount: Int { probabilities.shape[2] }

    /// The probability of class `c` for latent `latent` at path point `point`.
    public func probability(latent: Int, point: Int, ofClass c: Int) -> Float {
        probabilities.storage[(latent * pointCount + point) * classCount + c]
    }

    /// The class probabilities `[N, K]` at path point `point`.
    public func probabilities(atPoint point: Int) -> Tensor {
        var out = [Float]()
        out.reserveCapacity(latentCount * classCount)
        for latent in 0..<latentCount {
            let start = (latent * pointCount + point) * classCount
            out.append(contentsOf: probabilities.storage[start..<(start + classCount)])
        }
        return Tensor(shape: [latentCount, classCount], storage: out)
    }

    /// The most probable class of every latent at path point `point`.
    public func predictedClasses(atPoint point: Int) -> [Int] {
        LatentClassifier.predictedClasses(probabilities(atPoint: point))
    }
}
