import NumericCore

/// How strongly each latent channel moves an attribute's class distribution, from per-class gradient
/// vectors (each `[N, D]`, one per class as `protectedDirections` gives them, or the probability gradients of
/// a sigmoid head's class 1 or of every softmax class): ½ Σ_c |v_c,i| for a softmax head, |v_i| for a sigmoid head's single vector. For probability
/// gradients this is the rate of change of the total-variation distance of the class distribution.
public func channelSensitivity(_ vectors: [Tensor], head: ClassifierHead) -> Tensor {
    var out = Tensor(shape: vectors[0].shape)
    let scale: Float = head == .sigmoid ? 1 : 0.5
    for vector in vectors {
        for i in out.storage.indices { out.storage[i] += scale * abs(vector.storage[i]) }
    }
    return out
}
