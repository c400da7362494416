/// How a latent classifier turns its last layer into class probabilities.
public enum ClassifierHead: String, Codable, Sendable {
    /// One logit; p(class 1) = sigmoid(logit), p(class 0) = 1 - p(class 1).
    case sigmoid
    /// K logits; p = softmax(logits).
    case softmax
}

/// The shape of a latent classifier: D → hidden widths (each followed by LeakyReLU) → 1 (sigmoid) or K
/// (softmax). GradCtrl's default is one hidden layer of 16 with LeakyReLU(0.1).
public struct ClassifierArchitecture: Codable, Sendable, Equatable {
    /// The latent dimension D.
    public var inputDimension: Int
    /// The widths of the hidden layers, in order (may be empty: a linear classifier).
    public var hidden: [Int]
    /// The number of classes (2 for a sigmoid head).
    public var classCount: Int
    /// The output head.
    public var head: ClassifierHead
    /// The negative slope of the hidden LeakyReLUs.
    public var leakySlope: Float

    /// GradCtrl's hidden layers: one layer of 16. The one source of this default for the Trainer, the labelling
    /// page's models and the benchmarks.
    public static let gradCtrlHidden = [16]

    /// An architecture; a binary attribute (`classCount == 2`) gets a sigmoid head unless `head` says otherwise.
    public init(inputDimension: Int, hidden: [Int] = gradCtrlHidden, classCount: Int, head: ClassifierHead? = nil,
                leakySlope: Float = 0.1) {
        precondition(inputDimension > 0 && classCount >= 2 && hidden.allSatisfy { $0 > 0 }, "invalid architecture")
        self.inputDimension = inputDimension
        self.hidden = hidden
        self.classCount = classCount
        self.head = head ?? (classCount == 2 ? .sigmoid : .softmax)
        self.leakySlope = leakySlope
        precondition(self.head == .softmax || classCount == 2, "a sigmoid head has exactly two classes")
    }

    /// The width of the last layer: 1 for a sigmoid head, K for softmax.
    public var logitCount: Int { head == .sigmoid ? 1 : classCount }

    /// The widths of every layer's output, first to last.
    public var layerWidths: [Int] { hidden + [logitCount] }

    /// A short description such as "100-16-5 softmax".
    public var summary: String {
        ([inputDimension] + layerWidths).map(String.init).joined(separator: "-") + " " + head.rawValue
    }
}
