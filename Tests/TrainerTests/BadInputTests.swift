import LatentClassifier
import NumericCore
import Testing
import Trainer

@Suite("Unusable training inputs are refused with one clear line")
struct BadInputTests {
    /// 40 latents in 3 dimensions, alternating labels, rows 0..<32 for training and 32..<40 for validation.
    struct Inputs {
        var latents = Tensor(shape: [40, 3], storage: (0..<120).map { Float($0 % 7) - 3 })
        var labels = (0..<40).map { $0 % 2 }
        var train = Array(0..<32)
        var validation = Array(32..<40)
        var architecture = ClassifierArchitecture(inputDimension: 3, classCount: 2)
        var configuration = TrainingConfiguration(epochs: 1)
        var names = ["no", "yes"]

        func message() -> String? {
            do {
                _ = try trainClassifier(latents: latents, labels: labels, trainIndices: train,
                                        validationIndices: validation, architecture: architecture,
                                        configuration: configuration, classNames: names)
                return nil
            } catch let error as TrainingInputError {
                return error.description
            } catch {
                return "unexpected error type: \(error)"
            }
        }
    }

    @Test func validInputsTrain() {
        #expect(Inputs().message() == nil)
    }

    @Test func singleClass() {
        var inputs = Inputs()
        inputs.labels = [Int](repeating: 1, count: 40)
        #expect(inputs.message() == "every training label is class 'yes': a classifier needs at least two classes")
    }

    @Test func fewerSamplesThanOneBatch() {
        var inputs = Inputs()
        inputs.train = Array(0..<20)
        #expect(inputs.message() == "only 20 training samples, fewer than one batch of 32")
    }

    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteLatentNamesTheFirstBadRow(value: Float) {
        var inputs = Inputs()
        inputs.latents.storage[3 * 35 + 2] = value
        inputs.latents.storage[3 * 17] = value
        #expect(inputs.message() == "latent row 17 holds NaN or an infinite value")
    }

    @Test func nonFiniteLatentOutsideTheSplitsIsIgnored() {
        var inputs = Inputs()
        inputs.latents = Tensor(shape: [41, 3], storage: inputs.latents.storage + [.nan, 0, 0])
        inputs.labels.append(-1)
        #expect(inputs.message() == nil)
    }

    @Test(arguments: [-1, 2])
    func labelOutsideTheClasses(label: Int) {
        var inputs = Inputs()
        inputs.labels[36] = label
        #expect(inputs.message() == "label \(label) of row 36 is outside 0..<2")
    }

    @Test func emptyValidation() {
        var inputs = Inputs()
        inputs.validation = []
        #expect(inputs.message() == "the validation split is empty")
    }

    @Test func dimensionMismatch() {
        var inputs = Inputs()
        inputs.architecture = ClassifierArchitecture(inputDimension: 4, classCount: 2)
        #expect(inputs.message() == "latents have dimension 3 but the classifier expects 4")
    }

    @Test func latentsNotAMatrix() {
        var inputs = Inputs()
        inputs.latents = inputs.latents.reshaped([120])
        #expect(inputs.message() == "latents must be a matrix [N, D], got shape [120]")
    }

    @Test func labelCountMismatch() {
        var inputs = Inputs()
        inputs.labels.removeLast()
        #expect(inputs.message() == "39 labels for 40 latent rows")
    }

    @Test func classNameCountMismatch() {
        var inputs = Inputs()
        inputs.names = ["only"]
        #expect(inputs.message() == "1 class names for 2 classes")
    }

    @Test func indexOutsideTheRows() {
        var inputs = Inputs()
        inputs.validation.append(40)
        #expect(inputs.message() == "validation index 40 is outside 0..<40")
    }

    @Test func rowInBothSplits() {
        var inputs = Inputs()
        inputs.validation += [9, 5]
        #expect(inputs.message() == "row 5 is in both the training and the validation split")
    }

    @Test func unusableConfiguration() {
        var inputs = Inputs()
        inputs.configuration.classWeighting = .explicit([1, 2, 3])
        #expect(inputs.message() == "invalid training configuration: 3 class weights for 2 classes")
        inputs.configuration = TrainingConfiguration(batchSize: 0)
        #expect(inputs.message() == "invalid training configuration: batch size 0 must be positive")
        inputs.configuration = TrainingConfiguration(learningRate: -1)
        #expect(inputs.message() == "invalid training configuration: learning rate -1.0 must be positive")
        inputs.configuration = TrainingConfiguration(patience: 0)
        #expect(inputs.message() == "invalid training configuration: patience 0 must be positive")
    }
}
