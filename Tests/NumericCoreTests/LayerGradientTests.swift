import Testing
import NumericCore

@Suite("Backward passes match central finite differences")
struct LayerGradientTests {
    let check = GradientCheck()

    @Test func linear() {
        var random = RandomSource(seed: 1)
        let layer = Linear(inputs: 7, outputs: 5, random: &random)
        #expect(check.maxRelativeError(layer: layer, input: randomTensor([4, 7], seed: 2)) < 1e-2)
    }

    @Test(arguments: [
        ("relu", ReLU() as any Layer), ("leaky", LeakyReLU(slope: 0.1)), ("tanh", Tanh()), ("sigmoid", Sigmoid()),
    ])
    func elementwise(name: String, layer: any Layer) {
        let input = randomTensor([3, 11], seed: 3, awayFromZero: 0.05)
        #expect(check.maxRelativeError(layer: layer, input: input) < 1e-2, "\(name)")
    }

    @Test func softmax() {
        #expect(check.maxRelativeError(layer: Softmax(), input: randomTensor([4, 6], seed: 4)) < 1e-2)
    }

    @Test(arguments: [(1, 0, 1), (2, 1, 3), (2, 0, 2), (3, 1, 2)])
    func convTranspose(stride: Int, padding: Int, size: Int) {
        let layer = ConvTranspose2d(weight: randomTensor([3, 2, 4, 4], seed: 5), bias: randomTensor([2], seed: 6),
                                    stride: stride, padding: padding)
        #expect(check.maxRelativeError(layer: layer, input: randomTensor([2, 3, size, size], seed: 7)) < 1e-2)
    }

    @Test(arguments: [(2, 1, 4, 8), (1, 0, 3, 5), (2, 0, 2, 6), (1, 1, 3, 4)])
    func convolution(stride: Int, padding: Int, kernel: Int, size: Int) {
        var random = RandomSource(seed: 15)
        let layer = Conv2d(inChannels: 3, outChannels: 4, kernel: kernel, stride: stride, padding: padding, random: &random)
        #expect(check.maxRelativeError(layer: layer, input: randomTensor([2, 3, size, size], seed: 16)) < 1e-2)
    }

    @Test func flatten() {
        let input = randomTensor([3, 2, 4, 5], seed: 17)
        #expect(Flatten().forward(input).shape == [3, 40])
        #expect(check.maxRelativeError(layer: Flatten(), input: input) < 1e-3)
    }

    @Test func batchNorm() {
        var random = RandomSource(seed: 8)
        let layer = BatchNorm2d(scale: randomTensor([3], seed: 9), shift: randomTensor([3], seed: 10),
                                runningMean: random.normals(3), runningVariance: (0..<3).map { _ in random.uniform(0.5, 2) })
        #expect(check.maxRelativeError(layer: layer, input: randomTensor([2, 3, 4, 5], seed: 11)) < 1e-2)
    }

    @Test func sequentialChainsLayerGradients() {
        var random = RandomSource(seed: 12)
        let net = Sequential([Linear(inputs: 6, outputs: 8, random: &random), LeakyReLU(slope: 0.1),
                              Linear(inputs: 8, outputs: 3, random: &random), Softmax()])
        let input = randomTensor([5, 6], seed: 13)
        let activations = net.activations(input)
        let upstream = randomTensor([5, 3], seed: 14)
        let (dx, _) = net.backward(activations: activations, outputGradient: upstream)
        func loss(_ x: Tensor) -> Double {
            zip(net.forward(x).storage, upstream.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        for i in 0..<input.count {
            var plus = input, minus = input
            plus.storage[i] += 1e-2
            minus.storage[i] -= 1e-2
            let numeric = (loss(plus) - loss(minus)) / 2e-2
            #expect(abs(Double(dx.storage[i]) - numeric) < 1e-3 * max(1, abs(numeric)))
        }
    }
}
