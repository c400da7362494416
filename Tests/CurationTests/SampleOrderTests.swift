import Curation
import NumericCore
import Testing

@Suite("Curation orders")
struct SampleOrderTests {
    // Four samples, two classes: probabilities of class 1 are 0.9, 0.55, 0.2, 0.48.
    let probabilities = Tensor(shape: [4, 2], storage: [0.1, 0.9, 0.45, 0.55, 0.8, 0.2, 0.52, 0.48])

    @Test("plain order is every sample by index, with or without a model")
    func plain() {
        #expect(orderedSamples(.plain, labels: [nil, 1, nil, nil], probabilities: nil) == [0, 1, 2, 3])
        #expect(orderedSamples(.plain, labels: [nil, 1, nil, nil], probabilities: probabilities) == [0, 1, 2, 3])
    }

    @Test("most uncertain first: unlabelled samples by the gap between the two likeliest classes")
    func uncertain() {
        #expect(orderedSamples(.uncertain, labels: [nil, nil, nil, nil], probabilities: probabilities) == [3, 1, 2, 0])
        #expect(orderedSamples(.uncertain, labels: [nil, 0, nil, nil], probabilities: probabilities) == [3, 2, 0])
        #expect(orderedSamples(.uncertain, labels: [nil, nil, nil, nil], probabilities: nil) == nil)
    }

    @Test("disagreements: labelled samples the model contradicts, most confident contradiction first")
    func disagreements() {
        // Sample 0 labelled 0 (model: 1 at 0.9), sample 2 labelled 1 (model: 0 at 0.8), sample 1 agrees.
        #expect(orderedSamples(.disagreements, labels: [0, 1, 1, nil], probabilities: probabilities) == [0, 2])
        #expect(orderedSamples(.disagreements, labels: [1, 1, 0, nil], probabilities: probabilities) == [])
    }

    @Test("the model waits for a few labels of every class")
    func readiness() {
        #expect(modelNotReadyReason(labels: [0, 0, 1, nil], classes: ["no", "yes"], minimumPerClass: 2) != nil)
        #expect(modelNotReadyReason(labels: [0, 0, 1, 1], classes: ["no", "yes"], minimumPerClass: 2) == nil)
    }
}
